from __future__ import annotations

RULE = "lambda-inside-vpc"


def test_function_in_a_vpc_is_compliant(function, subnets, evaluate_rule):
    item = function(RULE, VpcConfig={"SubnetIds": [subnets["us-east-1a"]], "SecurityGroupIds": []})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_function_outside_a_vpc_is_non_compliant(function, evaluate_rule):
    assert evaluate_rule(RULE, function(RULE)).compliance == "NON_COMPLIANT"


def test_the_required_subnets_are_a_parameter(function, subnets, evaluate_rule):
    item = function(RULE, VpcConfig={"SubnetIds": [subnets["us-east-1a"]], "SecurityGroupIds": []})
    assert evaluate_rule(RULE, item, subnetIds=subnets["us-east-1b"]).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, item, subnetIds=subnets["us-east-1a"]).compliance == "COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"functionName": "orders", "vpcConfig": {"subnetIds": [], "securityGroupIds": []}}
    item = config_item("AWS::Lambda::Function", "orders", configuration=recorded)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::SNS::Topic", "t")).compliance == "NOT_APPLICABLE"
