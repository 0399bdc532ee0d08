from __future__ import annotations

RULE = "alb-http-drop-invalid-header-enabled"
KEY = "routing.http.drop_invalid_header_fields.enabled"


def test_dropping_is_compliant(balancer, evaluate_rule):
    assert evaluate_rule(RULE, balancer(RULE, attributes={KEY: "true"})).compliance == "COMPLIANT"


def test_default_is_non_compliant(balancer, evaluate_rule):
    assert evaluate_rule(RULE, balancer(RULE)).compliance == "NON_COMPLIANT"


def test_network_load_balancer_is_not_applicable(balancer, evaluate_rule):
    assert evaluate_rule(RULE, balancer(RULE, kind="network")).compliance == "NOT_APPLICABLE"


def test_config_shaped_item(config_item, evaluate_rule):
    item = config_item(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/orders/50dc6c495c0c9188",
        configuration={"type": "application"},
        supplementary={"LoadBalancerAttributes": [{"key": KEY, "value": "false"}]},
    )
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
