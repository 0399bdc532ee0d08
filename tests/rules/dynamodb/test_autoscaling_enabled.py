from __future__ import annotations

RULE = "dynamodb-autoscaling-enabled"
PROVISIONED = {"BillingMode": "PROVISIONED", "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}


def _scale(aws, *dimensions, target=70.0):
    autoscaling = aws.client("application-autoscaling")
    for dimension in dimensions:
        scalable = f"dynamodb:table:{dimension}CapacityUnits"
        autoscaling.register_scalable_target(
            ServiceNamespace="dynamodb",
            ResourceId="table/orders",
            ScalableDimension=scalable,
            MinCapacity=5,
            MaxCapacity=100,
        )
        autoscaling.put_scaling_policy(
            PolicyName=f"orders-{dimension}",
            ServiceNamespace="dynamodb",
            ResourceId="table/orders",
            ScalableDimension=scalable,
            PolicyType="TargetTrackingScaling",
            TargetTrackingScalingPolicyConfiguration={
                "TargetValue": target,
                "PredefinedMetricSpecification": {"PredefinedMetricType": f"DynamoDB{dimension}CapacityUtilization"},
            },
        )


def test_on_demand_table_is_compliant(table, evaluate_rule):
    assert evaluate_rule(RULE, table(RULE)).compliance == "COMPLIANT"


def test_provisioned_table_with_read_and_write_scaling_is_compliant(aws, table, evaluate_rule):
    item = table(RULE, setup=lambda *_: _scale(aws, "Read", "Write"), **PROVISIONED)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_provisioned_table_without_write_scaling_is_non_compliant(aws, table, evaluate_rule):
    result = evaluate_rule(RULE, table(RULE, setup=lambda *_: _scale(aws, "Read"), **PROVISIONED))
    assert result.compliance == "NON_COMPLIANT"
    assert "no write auto scaling" in result.annotation


def test_capacity_and_utilization_are_parameters(aws, table, evaluate_rule):
    item = table(RULE, setup=lambda *_: _scale(aws, "Read", "Write", target=70.0), **PROVISIONED)
    assert (
        evaluate_rule(RULE, item, targetReadUtilization=70, maxProvisionedWriteCapacity=100).compliance == "COMPLIANT"
    )
    result = evaluate_rule(RULE, item, targetReadUtilization=50, minProvisionedWriteCapacity=10)
    assert result.compliance == "NON_COMPLIANT"
    assert "target utilization is not 50%" in result.annotation and "minimum 5 < 10" in result.annotation


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"tableName": "orders", "billingModeSummary": {"billingMode": "PROVISIONED"}}
    item = config_item("AWS::DynamoDB::Table", "orders", configuration=recorded, supplementary={"AutoScaling": []})
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::DAX::Cluster", "c")).compliance == "NOT_APPLICABLE"


def test_config_passes_optional_parameters_as_strings():
    from warden.registry import load_rules

    resolved = load_rules().get(RULE).resolve_parameters({"targetReadUtilization": "70"})
    assert resolved["targetReadUtilization"] == 70 and resolved["targetWriteUtilization"] is None
