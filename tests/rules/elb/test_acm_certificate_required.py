from __future__ import annotations

from tests.rules.elb.conftest import CLASSIC, IAM_CERTIFICATE, certificate, classic_configuration

RULE = "elb-acm-certificate-required"


def test_acm_certificate_is_compliant(aws, classic_balancer, evaluate_rule):
    item = classic_balancer(RULE, (("HTTPS", 443, certificate(aws)), ("HTTP", 80, None)))
    assert item.configuration["listenerDescriptions"][0]["listener"]["sslcertificateId"].startswith("arn:aws:acm:")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_iam_server_certificate_is_non_compliant(aws, classic_balancer, evaluate_rule):
    item = classic_balancer(RULE, (("HTTPS", 443, certificate(aws)), ("SSL", 8443, IAM_CERTIFICATE)))
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT" and "SSL:8443" in result.annotation and "443," not in result.annotation


def test_plain_listeners_only_are_not_applicable(classic_balancer, evaluate_rule):
    assert evaluate_rule(RULE, classic_balancer(RULE)).compliance == "NOT_APPLICABLE"


def test_config_shaped_item(config_item, evaluate_rule):
    listener = {"protocol": "HTTPS", "loadBalancerPort": 443, "instancePort": 80, "sslcertificateId": IAM_CERTIFICATE}
    item = config_item(CLASSIC, "legacy", configuration=classic_configuration(listener))
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    other = config_item("AWS::ElasticLoadBalancingV2::LoadBalancer", "arn:aws:elasticloadbalancing:x")
    assert evaluate_rule(RULE, other).compliance == "NOT_APPLICABLE"
