from __future__ import annotations

from tests.rules.elb.conftest import CLASSIC, classic_configuration

RULE = "clb-multiple-az"


def test_two_zones_are_compliant(classic_balancer, evaluate_rule):
    item = classic_balancer(RULE)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, minAvailabilityZones="3").compliance == "NON_COMPLIANT"


def test_one_zone_is_non_compliant(classic_balancer, evaluate_rule):
    assert evaluate_rule(RULE, classic_balancer(RULE, zones=("us-east-1a",))).compliance == "NON_COMPLIANT"


def test_config_shaped_item_and_other_types(config_item, evaluate_rule):
    item = config_item(CLASSIC, "legacy", configuration=classic_configuration(zones=("us-east-1a", "us-east-1c")))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    alb = config_item("AWS::ElasticLoadBalancingV2::LoadBalancer", "arn:aws:elasticloadbalancing:x")
    assert evaluate_rule(RULE, alb).compliance == "NOT_APPLICABLE"
