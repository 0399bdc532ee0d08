from __future__ import annotations

RULE = "elb-deletion-protection-enabled"


def test_protected_is_compliant(balancer, evaluate_rule):
    item = balancer(RULE, attributes={"deletion_protection.enabled": "true"})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_unprotected_network_load_balancer_is_non_compliant(balancer, evaluate_rule):
    assert evaluate_rule(RULE, balancer(RULE, kind="network")).compliance == "NON_COMPLIANT"


def test_classic_load_balancer_is_not_applicable(config_item, evaluate_rule):
    item = config_item("AWS::ElasticLoadBalancing::LoadBalancer", "legacy", configuration={"loadBalancerName": "x"})
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"


def test_config_shaped_item(config_item, evaluate_rule):
    item = config_item(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/edge/1a2b",
        configuration={"type": "network"},
        supplementary={"LoadBalancerAttributes": [{"key": "deletion_protection.enabled", "value": "false"}]},
    )
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
