from __future__ import annotations

from tests.rules.elb.conftest import CLASSIC

RULE = "elb-connection-draining-enabled"


def test_draining_is_compliant(classic_balancer, evaluate_rule):
    item = classic_balancer(RULE, attributes={"ConnectionDraining": {"Enabled": True, "Timeout": 120}})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_default_is_non_compliant(classic_balancer, evaluate_rule):
    assert evaluate_rule(RULE, classic_balancer(RULE)).compliance == "NON_COMPLIANT"


def test_config_shaped_item_and_other_types(config_item, evaluate_rule):
    attributes = {"connectionDraining": {"enabled": False, "timeout": 300}, "crossZoneLoadBalancing": {"enabled": True}}
    item = config_item(CLASSIC, "legacy", supplementary={"LoadBalancerAttributes": attributes})
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    alb = config_item("AWS::ElasticLoadBalancingV2::LoadBalancer", "arn:aws:elasticloadbalancing:x")
    assert evaluate_rule(RULE, alb).compliance == "NOT_APPLICABLE"
