from tests.rules.rds.conftest import EVENT_SUBSCRIPTION, subscription_configuration

RULE = "rds-sg-event-notifications-configured"
CATEGORIES = ["configuration change", "failure"]


def test_subscription_with_the_categories_is_compliant(event_subscription, evaluate_rule):
    item = event_subscription(RULE, SourceType="db-security-group", EventCategories=[*CATEGORIES, "deletion"])
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, event_subscription(RULE, SourceType="db-security-group")).compliance == "COMPLIANT"


def test_missing_category_disabled_or_partial_is_non_compliant(event_subscription, evaluate_rule):
    partial = evaluate_rule(
        RULE, event_subscription(RULE, SourceType="db-security-group", EventCategories=["configuration change"])
    )
    assert partial.compliance == "NON_COMPLIANT" and "failure" in partial.annotation
    disabled = event_subscription(RULE, SourceType="db-security-group", Enabled=False)
    assert evaluate_rule(RULE, disabled).compliance == "NON_COMPLIANT"
    some = event_subscription(RULE, SourceType="db-security-group", SourceIds=["orders"])
    assert evaluate_rule(RULE, some).compliance == "NON_COMPLIANT"


def test_other_source_types_are_not_applicable(event_subscription, evaluate_rule):
    assert evaluate_rule(RULE, event_subscription(RULE, SourceType="db-parameter-group")).compliance == "NOT_APPLICABLE"


def test_config_shaped_item(config_item, evaluate_rule):
    every_source = subscription_configuration()  # no source type: every RDS source, every category
    assert evaluate_rule(RULE, config_item(EVENT_SUBSCRIPTION, "ops", configuration=every_source)).compliance == (
        "COMPLIANT"
    )
    narrow = subscription_configuration(sourceType="db-security-group", eventCategoriesList=["notification"])
    assert evaluate_rule(RULE, config_item(EVENT_SUBSCRIPTION, "ops", configuration=narrow)).compliance == (
        "NON_COMPLIANT"
    )
