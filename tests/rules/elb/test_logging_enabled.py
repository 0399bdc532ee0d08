from __future__ import annotations

RULE = "elb-logging-enabled"
LOGS = {"access_logs.s3.enabled": "true", "access_logs.s3.bucket": "lb-logs"}


def test_alb_logging_is_compliant(balancer, evaluate_rule):
    item = balancer(RULE, attributes=LOGS)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, s3BucketNames="central-logs").compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, item, s3BucketNames="central-logs,lb-logs").compliance == "COMPLIANT"


def test_alb_without_logging_is_non_compliant(balancer, evaluate_rule):
    assert evaluate_rule(RULE, balancer(RULE)).compliance == "NON_COMPLIANT"


def test_classic_load_balancer(classic, evaluate_rule):
    assert evaluate_rule(RULE, classic(RULE)).compliance == "NON_COMPLIANT"


def test_network_load_balancer_is_not_applicable(balancer, evaluate_rule):
    assert evaluate_rule(RULE, balancer(RULE, kind="network")).compliance == "NOT_APPLICABLE"


def test_config_shaped_classic_item(config_item, evaluate_rule):
    item = config_item(
        "AWS::ElasticLoadBalancing::LoadBalancer",
        "legacy",
        configuration={"loadBalancerName": "legacy", "scheme": "internet-facing"},
        supplementary={"LoadBalancerAttributes": {"accessLog": {"enabled": True, "s3BucketName": "lb-logs"}}},
    )
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
