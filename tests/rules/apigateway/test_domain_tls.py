from __future__ import annotations

import pytest

RULE = "api-gw-domain-tls-1-2"
DOMAIN = "AWS::ApiGateway::DomainName"


def _domain(aws, moto_item, policy):
    aws.client("apigateway").create_domain_name(
        domainName="api.example.com",
        regionalCertificateArn="arn:aws:acm:us-east-1:123456789012:certificate/x",
        endpointConfiguration={"types": ["REGIONAL"]},
        securityPolicy=policy,
    )
    return moto_item(DOMAIN, "api.example.com")


def test_tls_1_2_is_compliant(aws, moto_item, evaluate_rule):
    result = evaluate_rule(RULE, _domain(aws, moto_item, "TLS_1_2"))
    assert result.compliance == "COMPLIANT"
    assert result.resource_arn == "arn:aws:apigateway:us-east-1::/domainnames/api.example.com"


def test_tls_1_0_is_non_compliant(aws, moto_item, evaluate_rule):
    result = evaluate_rule(RULE, _domain(aws, moto_item, "TLS_1_0"))
    assert result.compliance == "NON_COMPLIANT"
    assert "TLS_1_2" in result.annotation


@pytest.mark.parametrize(
    "policy,expected", [(None, "NON_COMPLIANT"), ("SecurityPolicy_TLS13_1_2_2021_06", "COMPLIANT")]
)
def test_missing_and_newer_policies(config_item, evaluate_rule, policy, expected):
    configuration = {"domainName": "x.example.com"} | ({"securityPolicy": policy} if policy else {})
    assert evaluate_rule(RULE, config_item(DOMAIN, "x.example.com", configuration=configuration)).compliance == expected


def test_other_resource_is_not_applicable(rest_stage, evaluate_rule):
    assert evaluate_rule(RULE, rest_stage()).compliance == "NOT_APPLICABLE"
