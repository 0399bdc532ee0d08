from __future__ import annotations

RULE = "lambda-vpc-multi-az-check"


def _vpc(*subnet_ids):
    return {"SubnetIds": list(subnet_ids), "SecurityGroupIds": []}


def test_two_zones_are_compliant(function, subnets, evaluate_rule):
    item = function(RULE, VpcConfig=_vpc(subnets["us-east-1a"], subnets["us-east-1b"]))
    result = evaluate_rule(RULE, item)
    assert result.compliance == "COMPLIANT"
    assert "us-east-1a, us-east-1b" in result.annotation


def test_one_zone_is_non_compliant(function, subnets, evaluate_rule):
    assert evaluate_rule(RULE, function(RULE, VpcConfig=_vpc(subnets["us-east-1a"]))).compliance == "NON_COMPLIANT"


def test_the_zone_count_is_a_parameter(function, subnets, evaluate_rule):
    item = function(RULE, VpcConfig=_vpc(subnets["us-east-1a"], subnets["us-east-1b"]))
    assert evaluate_rule(RULE, item, availabilityZones=3).compliance == "NON_COMPLIANT"


def test_function_outside_a_vpc_is_not_applicable(function, aws, evaluate_rule):
    assert evaluate_rule(RULE, function(RULE)).compliance == "NOT_APPLICABLE"
    assert aws.clients.calls["ec2:DescribeSubnets"] == 0  # no subnets, no lookup


def test_config_item_shape(config_item, evaluate_rule):
    recorded = {"functionName": "orders", "vpcConfig": {"subnetIds": ["subnet-1", "subnet-2"]}}
    zones = {"SubnetAvailabilityZones": {"subnet-1": "eu-west-1a", "subnet-2": "eu-west-1a"}}
    item = config_item("AWS::Lambda::Function", "orders", configuration=recorded, supplementary=zones)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
