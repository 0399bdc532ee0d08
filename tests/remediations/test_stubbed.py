"""Remediations whose APIs moto lacks (GenerateClientCertificate, UpdateDomainName, apigatewayv2 UpdateStage):
the same contract, with every call's exact parameters pinned by botocore's Stubber."""

from __future__ import annotations

from botocore.stub import ANY, Stubber

from warden.collectors.apigateway import parse_stage_id
from warden.model import Compliance, Evaluation, Severity

# The remediations this module holds to the shared contract (checked by test_contract.py).
COVERS = (
    "api-gw-attach-client-certificate",
    "api-gw-domain-tls-1-2",
    "api-gw-enable-execution-logging",
    "notify-only",
    "ec2-ebs-snapshot-make-private",  # in test_stubbed_rules_c.py
)
STAGE_ARN = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod"
STAGE_KEY = {"restApiId": "a1b2c3", "stageName": "prod"}
STAGE = {
    "stageName": "prod",
    "deploymentId": "d1",
    "methodSettings": {"*/*": {"loggingLevel": "ERROR"}},
    "tracingEnabled": True,
}
DOMAIN = "api.example.com"


def _evaluation(rule_id, resource_type, resource_id, arn):
    return Evaluation(
        rule_id,
        (),
        Severity.MEDIUM,
        resource_type,
        resource_id,
        arn,
        "us-east-1",
        "123456789012",
        Compliance.NON_COMPLIANT,
        "seen by a scan",
        None,
    )


def _certificate_evaluation():
    return _evaluation("api-gw-ssl-enabled", "AWS::ApiGateway::Stage", STAGE_ARN, STAGE_ARN)


ATTACH = {**STAGE_KEY, "patchOperations": [{"op": "replace", "path": "/clientCertificateId", "value": "cc1"}]}


def test_client_certificate_is_generated_attached_and_verified(aws, remediator, ledger):
    client = aws.client("apigateway")
    with Stubber(client) as stub:
        stub.add_response("get_stage", STAGE, STAGE_KEY)
        stub.add_response(
            "generate_client_certificate",
            {"clientCertificateId": "cc1"},
            {"description": f"Warden: backend auth for {STAGE_ARN}"},
        )
        stub.add_response("update_stage", {**STAGE, "clientCertificateId": "cc1"}, ATTACH)
        stub.add_response("get_stage", {**STAGE, "clientCertificateId": "cc1"}, STAGE_KEY)
        result = remediator().handle(_certificate_evaluation())
        stub.assert_no_pending_responses()
    assert result.outcome == "REMEDIATED"
    assert [r["outcome"] for r in ledger.records()] == ["DETECTED", "INTENT", "REMEDIATED"]
    assert list(ledger.records())[2]["after"] == {"clientCertificateId": "cc1"}


def test_client_certificate_second_run_changes_nothing(aws, remediator):
    with Stubber(aws.client("apigateway")) as stub:
        stub.add_response("get_stage", {**STAGE, "clientCertificateId": "cc1"}, STAGE_KEY)
        result = remediator().handle(_certificate_evaluation())
        stub.assert_no_pending_responses()  # a read, and no write
    assert result.outcome == "SKIPPED"


def test_client_certificate_failure_is_recorded(aws, remediator, ledger):
    with Stubber(aws.client("apigateway")) as stub:
        stub.add_response("get_stage", STAGE, STAGE_KEY)
        stub.add_client_error("generate_client_certificate", "AccessDeniedException", http_status_code=403)
        result = remediator().handle(_certificate_evaluation())
    assert (result.outcome, result.error_code) == ("FAILED", "AccessDeniedException")
    assert [r["error_code"] for r in ledger.records() if r["outcome"] == "FAILED"] == ["AccessDeniedException"]


def test_client_certificate_rollback_detaches_it(aws, remediator, ledger):
    client = aws.client("apigateway")
    with Stubber(client) as stub:
        stub.add_response("get_stage", STAGE, STAGE_KEY)
        stub.add_response("generate_client_certificate", {"clientCertificateId": "cc1"}, {"description": ANY})
        stub.add_response("update_stage", STAGE, ATTACH)
        stub.add_response("get_stage", {**STAGE, "clientCertificateId": "cc1"}, STAGE_KEY)
        stub.add_response(
            "update_stage",
            STAGE,
            {**STAGE_KEY, "patchOperations": [{"op": "replace", "path": "/clientCertificateId", "value": ""}]},
        )
        stub.add_response("get_stage", STAGE, STAGE_KEY)
        engine = remediator()
        fixed = engine.handle(_certificate_evaluation())
        undone = engine.rollback(fixed.record_id)
        stub.assert_no_pending_responses()
    assert undone.outcome == "ROLLED_BACK"


def _domain_evaluation():
    arn = f"arn:aws:apigateway:us-east-1::/domainnames/{DOMAIN}"
    return _evaluation("api-gw-domain-tls-1-2", "AWS::ApiGateway::DomainName", DOMAIN, arn)


TLS_PATCH = {
    "domainName": DOMAIN,
    "patchOperations": [{"op": "replace", "path": "/securityPolicy", "value": "TLS_1_2"}],
}


def test_domain_tls_is_raised_to_1_2(aws, remediator, ledger):
    with Stubber(aws.client("apigateway")) as stub:
        stub.add_response(
            "get_domain_name", {"domainName": DOMAIN, "securityPolicy": "TLS_1_0"}, {"domainName": DOMAIN}
        )
        stub.add_response("update_domain_name", {"domainName": DOMAIN, "securityPolicy": "TLS_1_2"}, TLS_PATCH)
        stub.add_response(
            "get_domain_name", {"domainName": DOMAIN, "securityPolicy": "TLS_1_2"}, {"domainName": DOMAIN}
        )
        result = remediator().handle(_domain_evaluation())
        stub.assert_no_pending_responses()
    assert result.outcome == "REMEDIATED"
    assert list(ledger.records())[1]["before"] == {"securityPolicy": "TLS_1_0"}


def test_domain_tls_second_run_and_failure(aws, remediator):
    with Stubber(aws.client("apigateway")) as stub:
        stub.add_response(
            "get_domain_name", {"domainName": DOMAIN, "securityPolicy": "TLS_1_2"}, {"domainName": DOMAIN}
        )
        stub.add_response(
            "get_domain_name", {"domainName": DOMAIN, "securityPolicy": "TLS_1_0"}, {"domainName": DOMAIN}
        )
        stub.add_client_error(
            "update_domain_name", "BadRequestException", "Certificate not valid for TLS_1_2", expected_params=TLS_PATCH
        )
        engine = remediator()
        assert engine.handle(_domain_evaluation()).outcome == "SKIPPED"
        failed = engine.handle(_domain_evaluation())
        stub.assert_no_pending_responses()
    assert (failed.outcome, failed.error_code) == ("FAILED", "BadRequestException")


def test_domain_tls_rollback(aws, remediator):
    with Stubber(aws.client("apigateway")) as stub:
        stub.add_response(
            "get_domain_name", {"domainName": DOMAIN, "securityPolicy": "TLS_1_0"}, {"domainName": DOMAIN}
        )
        stub.add_response("update_domain_name", {}, TLS_PATCH)
        stub.add_response(
            "get_domain_name", {"domainName": DOMAIN, "securityPolicy": "TLS_1_2"}, {"domainName": DOMAIN}
        )
        restore = {
            "domainName": DOMAIN,
            "patchOperations": [{"op": "replace", "path": "/securityPolicy", "value": "TLS_1_0"}],
        }
        stub.add_response("update_domain_name", {}, restore)
        stub.add_response(
            "get_domain_name", {"domainName": DOMAIN, "securityPolicy": "TLS_1_0"}, {"domainName": DOMAIN}
        )
        engine = remediator()
        undone = engine.rollback(engine.handle(_domain_evaluation()).record_id)
        stub.assert_no_pending_responses()
    assert undone.outcome == "ROLLED_BACK"


V2_ARN = "arn:aws:apigateway:us-east-1::/apis/ws1/stages/live"
V2_API = {
    "ApiId": "ws1",
    "Name": "chat",
    "ProtocolType": "WEBSOCKET",
    "RouteSelectionExpression": "$request.body.action",
}
V2_STAGE = {"StageName": "live", "DefaultRouteSettings": {"DetailedMetricsEnabled": True, "ThrottlingRateLimit": 50.0}}


def test_websocket_stage_logging_keeps_other_route_settings(aws, remediator):
    client = aws.client("apigatewayv2")
    wanted = {"DetailedMetricsEnabled": True, "ThrottlingRateLimit": 50.0, "LoggingLevel": "ERROR"}
    _, api_id, stage = parse_stage_id(V2_ARN)
    with Stubber(client) as stub:
        stub.add_response("get_api", V2_API, {"ApiId": api_id})
        stub.add_response("get_stage", V2_STAGE, {"ApiId": api_id, "StageName": stage})
        stub.add_response("update_stage", {}, {"ApiId": api_id, "StageName": stage, "DefaultRouteSettings": wanted})
        stub.add_response("get_api", V2_API, {"ApiId": api_id})
        stub.add_response(
            "get_stage", {**V2_STAGE, "DefaultRouteSettings": wanted}, {"ApiId": api_id, "StageName": stage}
        )
        evaluation = _evaluation("api-gw-execution-logging-enabled", "AWS::ApiGatewayV2::Stage", V2_ARN, V2_ARN)
        result = remediator().handle(evaluation)
        stub.assert_no_pending_responses()
    assert result.outcome == "REMEDIATED"


def test_notify_only_records_the_manual_action_and_changes_nothing(aws, moto_item, remediator, ledger):
    import json

    from tests.remediations.conftest import write_calls
    from warden.registry import load_rules

    iam = aws.client("iam")
    policy = iam.create_policy(
        PolicyName="admin",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        ),
    )["Policy"]
    iam.create_user(UserName="ops")
    iam.attach_user_policy(UserName="ops", PolicyArn=policy["Arn"])
    rule = load_rules().get("iam-policy-no-statements-with-admin-access")
    evaluation = rule.run(moto_item("AWS::IAM::Policy", policy["Arn"], rule.id))
    before = dict(aws.clients.calls)
    result = remediator().handle(evaluation)
    assert result.outcome == "NOTIFIED" and "least-privilege" in result.detail
    assert write_calls(aws.clients, before) == {}
    assert [r["remediation_id"] for r in ledger.records()] == ["notify-only", "notify-only"]
    again = remediator().handle(evaluation)
    assert again.outcome == "NOTIFIED" and write_calls(aws.clients, before) == {}
    # the failure path of a notify-only remediation: the re-read is denied
    from warden.testing import inject_fault

    inject_fault(aws.client("iam"), "ListPolicies", "AccessDenied", 403)  # the policy id is looked up by listing
    denied = remediator().handle(evaluation)
    assert (denied.outcome, denied.error_code) == ("FAILED", "AccessDenied")
