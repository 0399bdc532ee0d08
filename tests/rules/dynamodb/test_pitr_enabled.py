from __future__ import annotations

RULE = "dynamodb-pitr-enabled"


def _enable(dynamodb, name):
    dynamodb.update_continuous_backups(
        TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )


def test_pitr_enabled_is_compliant(table, evaluate_rule):
    result = evaluate_rule(RULE, table(RULE, setup=_enable))
    assert result.compliance == "COMPLIANT"
    assert result.resource_arn == "arn:aws:dynamodb:us-east-1:123456789012:table/orders"


def test_pitr_disabled_is_non_compliant(table, evaluate_rule):
    result = evaluate_rule(RULE, table(RULE))
    assert result.compliance == "NON_COMPLIANT"
    assert "DISABLED" in result.annotation


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    # Config records PITR under supplementaryConfiguration.ContinuousBackupsDescription.
    recorded = {
        "ContinuousBackupsDescription": {
            "continuousBackupsStatus": "ENABLED",
            "pointInTimeRecoveryDescription": {"pointInTimeRecoveryStatus": "ENABLED"},
        }
    }
    item = config_item("AWS::DynamoDB::Table", "orders", configuration={"tableName": "orders"}, supplementary=recorded)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::DAX::Cluster", "c")).compliance == "NOT_APPLICABLE"
