from __future__ import annotations

from tests.rules.elb.conftest import CLASSIC

RULE = "clb-desync-mode-check"
KEY = "elb.http.desyncmitigationmode"


def _mode(value):
    return {"AdditionalAttributes": [{"Key": KEY, "Value": value}]}


def test_defensive_is_compliant(classic_balancer, evaluate_rule):
    item = classic_balancer(RULE, attributes=_mode("defensive"))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, desyncMode="strictest").compliance == "NON_COMPLIANT"


def test_monitor_is_non_compliant(classic_balancer, evaluate_rule):
    assert evaluate_rule(RULE, classic_balancer(RULE, attributes=_mode("monitor"))).compliance == "NON_COMPLIANT"


def test_config_shaped_item_and_other_types(config_item, evaluate_rule):
    attributes = {"additionalAttributes": [{"key": KEY, "value": "strictest"}]}
    item = config_item(CLASSIC, "legacy", supplementary={"LoadBalancerAttributes": attributes})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    alb = config_item("AWS::ElasticLoadBalancingV2::LoadBalancer", "arn:aws:elasticloadbalancing:x")
    assert evaluate_rule(RULE, alb).compliance == "NOT_APPLICABLE"
