from tests.rules.rds.conftest import EVENT_SUBSCRIPTION, subscription_configuration

RULE = "rds-cluster-event-notifications-configured"
CATEGORIES = ["maintenance", "failure"]


def test_subscription_with_the_categories_is_compliant(event_subscription, evaluate_rule):
    item = event_subscription(RULE, SourceType="db-cluster", EventCategories=[*CATEGORIES, "deletion"])
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, event_subscription(RULE, SourceType="db-cluster")).compliance == "COMPLIANT"


def test_missing_category_disabled_or_partial_is_non_compliant(event_subscription, evaluate_rule):
    partial = evaluate_rule(RULE, event_subscription(RULE, SourceType="db-cluster", EventCategories=["maintenance"]))
    assert partial.compliance == "NON_COMPLIANT" and "failure" in partial.annotation
    disabled = event_subscription(RULE, SourceType="db-cluster", Enabled=False)
    assert evaluate_rule(RULE, disabled).compliance == "NON_COMPLIANT"
    some = event_subscription(RULE, SourceType="db-cluster", SourceIds=["orders"])
    assert evaluate_rule(RULE, some).compliance == "NON_COMPLIANT"


def test_other_source_types_are_not_applicable(event_subscription, evaluate_rule):
    assert evaluate_rule(RULE, event_subscription(RULE, SourceType="db-instance")).compliance == "NOT_APPLICABLE"


def test_config_shaped_item(config_item, evaluate_rule):
    every_source = subscription_configuration()  # no source type: every RDS source, every category
    assert evaluate_rule(RULE, config_item(EVENT_SUBSCRIPTION, "ops", configuration=every_source)).compliance == (
        "COMPLIANT"
    )
    narrow = subscription_configuration(sourceType="db-cluster", eventCategoriesList=["notification"])
    assert evaluate_rule(RULE, config_item(EVENT_SUBSCRIPTION, "ops", configuration=narrow)).compliance == (
        "NON_COMPLIANT"
    )


def test_subscription_events_name_the_subscription():
    from warden.registry import load_rules

    trigger = load_rules().get(RULE).cloudtrail[0]
    record = {"eventName": "RemoveSourceIdentifierFromSubscription", "requestParameters": {"subscriptionName": "ops"}}
    assert "RemoveSourceIdentifierFromSubscription" in trigger.events and trigger.resolve_resource_id(record) == "ops"


def test_a_deleted_subscription_reads_as_gone(aws):
    from warden.collectors import collector_for

    assert collector_for(EVENT_SUBSCRIPTION).read(aws.clients, "us-east-1", aws.account_id, "deleted") is None
