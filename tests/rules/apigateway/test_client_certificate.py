from __future__ import annotations

from botocore.stub import Stubber

from warden.collectors import collector_for

RULE = "api-gw-ssl-enabled"
STAGE_ARN = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod"


def test_stage_with_client_certificate_is_compliant(aws, evaluate_rule):
    # moto 5.2.5 ignores the /clientCertificateId patch, so the read is pinned with a Stubber.
    client = aws.client("apigateway")
    with Stubber(client) as stub:
        stub.add_response(
            "get_stage",
            {"stageName": "prod", "deploymentId": "d1", "clientCertificateId": "abc123", "methodSettings": {}},
            {"restApiId": "a1b2c3", "stageName": "prod"},
        )
        item = collector_for("AWS::ApiGateway::Stage").read(aws.clients, "us-east-1", aws.account_id, STAGE_ARN)
        stub.assert_no_pending_responses()
    result = evaluate_rule(RULE, item)
    assert result.compliance == "COMPLIANT"
    assert "abc123" in result.annotation
    assert result.resource_arn == STAGE_ARN


def test_stage_without_client_certificate_is_non_compliant(rest_stage, evaluate_rule):
    result = evaluate_rule(RULE, rest_stage())
    assert result.compliance == "NON_COMPLIANT"
    assert "clientCertificateId" in result.annotation


def test_http_api_stage_is_not_applicable(v2_stage, evaluate_rule):
    assert evaluate_rule(RULE, v2_stage("HTTP")).compliance == "NOT_APPLICABLE"


def test_recorded_stage_with_certificate(config_item_from_file, evaluate_rule, samples):
    path = samples / "config-items/custodian_placebo_apigw_stage_SelectResourceConfig.json"
    results = {}
    for index in range(3):
        item = config_item_from_file(path, index, "AWS::ApiGateway::Stage")
        results[item.resource_id.rsplit("/", 1)[-1]] = evaluate_rule(RULE, item).compliance
    assert results["dev"] == "COMPLIANT"  # recorded with clientCertificateId 3kxqri
    assert results["prod"] == "NON_COMPLIANT"
