"""moto implements backup plans but not backup selections: the AWS Backup calls are pinned with Stubber."""

from __future__ import annotations

from botocore.stub import Stubber

from warden.collectors import collector_for

RULE = "dynamodb-resources-protected-by-backup-plan"
TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
PLAN = {"BackupPlanId": "plan-1", "BackupPlanName": "daily", "BackupPlanArn": "arn:aws:backup:us-east-1:1:plan:plan-1"}


def _selection(**fields):
    return {"SelectionName": "s", "IamRoleArn": "arn:aws:iam::123456789012:role/backup", **fields}


def _stub_plans(stub, selection):
    stub.add_response("list_backup_plans", {"BackupPlansList": [PLAN]}, {})
    stub.add_response(
        "list_backup_selections", {"BackupSelectionsList": [{"SelectionId": "sel-1"}]}, {"BackupPlanId": "plan-1"}
    )
    stub.add_response(
        "get_backup_selection",
        {"BackupSelection": selection, "SelectionId": "sel-1", "BackupPlanId": "plan-1"},
        {"BackupPlanId": "plan-1", "SelectionId": "sel-1"},
    )


def _read(aws, table, selection):
    with Stubber(aws.client("backup")) as stub:
        _stub_plans(stub, selection)
        item = table(RULE)
        stub.assert_no_pending_responses()
    return item


def test_table_selected_by_arn_pattern_is_compliant(aws, table, evaluate_rule):
    item = _read(aws, table, _selection(Resources=["arn:aws:dynamodb:*:*:table/*"]))
    result = evaluate_rule(RULE, item)
    assert result.compliance == "COMPLIANT"
    assert "daily" in result.annotation


def test_table_selected_by_tag_is_compliant(aws, table, evaluate_rule):
    aws.client("dynamodb").create_table(
        TableName="orders",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        Tags=[{"Key": "backup", "Value": "daily"}],
    )
    tagged = _selection(
        ListOfTags=[{"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "daily"}]
    )
    with Stubber(aws.client("backup")) as stub:
        _stub_plans(stub, tagged)
        item = collector_for("AWS::DynamoDB::Table").read(
            aws.clients, "us-east-1", "123456789012", "orders", ["BackupPlans"]
        )
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_excluded_or_unselected_table_is_non_compliant(aws, table, evaluate_rule):
    excluded = _selection(Resources=["*"], NotResources=[TABLE_ARN])
    assert evaluate_rule(RULE, _read(aws, table, excluded)).compliance == "NON_COMPLIANT"


def test_selection_conditions_must_hold(aws, table, evaluate_rule):
    # Resources "*" narrowed by a tag condition the table does not carry: not covered.
    narrowed = _selection(
        Resources=["*"],
        Conditions={"StringEquals": [{"ConditionKey": "aws:ResourceTag/tier", "ConditionValue": "gold"}]},
    )
    assert evaluate_rule(RULE, _read(aws, table, narrowed)).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    item = config_item("AWS::DynamoDB::Table", "orders", configuration={"tableName": "orders"}, supplementary={})
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::DAX::Cluster", "c")).compliance == "NOT_APPLICABLE"
