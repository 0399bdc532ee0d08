from __future__ import annotations

from tests.rules.elb.conftest import LOAD_BALANCER_V2

RULE = "alb-desync-mode-check"
KEY = "routing.http.desync_mitigation_mode"


def test_strictest_is_compliant(balancer, evaluate_rule):
    item = balancer(RULE, attributes={KEY: "strictest"})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, desyncModeType="defensive").compliance == "NON_COMPLIANT"


def test_monitor_is_non_compliant(balancer, evaluate_rule):
    result = evaluate_rule(RULE, balancer(RULE, attributes={KEY: "monitor"}))
    assert result.compliance == "NON_COMPLIANT" and "monitor" in result.annotation


def test_network_load_balancer_is_not_applicable(balancer, evaluate_rule):
    assert evaluate_rule(RULE, balancer(RULE, kind="network")).compliance == "NOT_APPLICABLE"


def test_config_shaped_item(config_item, evaluate_rule):
    item = config_item(
        LOAD_BALANCER_V2,
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/orders/50dc6c495c0c9188",
        configuration={"type": "application"},
        supplementary={"LoadBalancerAttributes": [{"key": KEY, "value": "defensive"}]},
    )
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, desyncModeType="Strictest").compliance == "NON_COMPLIANT"
