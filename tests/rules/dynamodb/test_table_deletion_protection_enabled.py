from __future__ import annotations

RULE = "dynamodb-table-deletion-protection-enabled"


def test_protected_table_is_compliant(table, evaluate_rule):
    assert evaluate_rule(RULE, table(RULE, DeletionProtectionEnabled=True)).compliance == "COMPLIANT"


def test_unprotected_table_is_non_compliant(table, evaluate_rule):
    assert evaluate_rule(RULE, table(RULE, DeletionProtectionEnabled=False)).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"tableName": "orders", "tableStatus": "ACTIVE", "deletionProtectionEnabled": False}
    item = config_item("AWS::DynamoDB::Table", "orders", configuration=recorded)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::SQS::Queue", "q")).compliance == "NOT_APPLICABLE"


def test_cloudtrail_trigger_resolves_the_table_name():
    from warden.registry import load_rules

    (trigger,) = load_rules().get(RULE).cloudtrail
    record = {"requestParameters": {"tableName": "orders", "deletionProtectionEnabled": False}}
    assert trigger.resolve_resource_id(record) == "orders"
