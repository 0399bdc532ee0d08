from __future__ import annotations

from tests.rules.elb.conftest import CLASSIC, certificate, classic_configuration

RULE = "elb-predefined-security-policy-ssl-check"
STRONG = "ELBSecurityPolicy-TLS-1-2-2017-01"


def test_strong_reference_policy_is_compliant(aws, classic_balancer, evaluate_rule):
    item = classic_balancer(RULE, (("HTTPS", 443, certificate(aws)), ("HTTP", 80, None)), policy=STRONG)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, predefinedPolicyName="ELBSecurityPolicy-2016-08").compliance == "NON_COMPLIANT"


def test_older_or_missing_policy_is_non_compliant(aws, classic_balancer, evaluate_rule):
    older = classic_balancer(RULE, (("SSL", 443, certificate(aws)),), policy="ELBSecurityPolicy-2016-08")
    assert evaluate_rule(RULE, older).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, classic_balancer(RULE, (("HTTPS", 443, certificate(aws)),))).compliance == (
        "NON_COMPLIANT"
    )


def test_plain_listeners_only_are_not_applicable(classic_balancer, evaluate_rule):
    assert evaluate_rule(RULE, classic_balancer(RULE)).compliance == "NOT_APPLICABLE"


def test_config_shaped_item_with_the_predefined_policy_by_name(config_item, evaluate_rule):
    """The console names the listener's policy after the predefined one and records its attributes."""
    listener = {"protocol": "HTTPS", "loadBalancerPort": 443, "instancePort": 80, "policyNames": [STRONG]}
    policy = {
        "policyName": STRONG,
        "policyTypeName": "SSLNegotiationPolicyType",
        "policyAttributeDescriptions": [{"attributeName": "Protocol-TLSv1.2", "attributeValue": "true"}],
    }
    item = config_item(
        CLASSIC,
        "legacy",
        configuration=classic_configuration(listener),
        supplementary={"LoadBalancerPolicies": [policy]},
    )
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_policies_are_read_only_for_this_rule(aws, classic_balancer, moto_item):
    """Other Classic rules never call DescribeLoadBalancerPolicies; this one calls it once per balancer."""
    classic_balancer(RULE)
    before = aws.clients.calls.get("elb:DescribeLoadBalancerPolicies", 0)
    moto_item(CLASSIC, "legacy-0", "elb-tls-https-listeners-only")
    assert aws.clients.calls.get("elb:DescribeLoadBalancerPolicies", 0) == before
    moto_item(CLASSIC, "legacy-0", RULE)
    assert aws.clients.calls.get("elb:DescribeLoadBalancerPolicies", 0) == before + 1
