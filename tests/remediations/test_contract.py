"""One contract for every remediation moto can run: it fixes the violation, a second run changes nothing,
unrelated state is untouched, a failure is recorded with the AWS error code, and rollback restores the
exact before state. Remediations moto cannot run are pinned with Stubber in their own modules."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.remediations.conftest import write_calls
from tests.remediations.scenario import Scenario
from tests.remediations.scenarios_rules_c import SCENARIOS as RULES_C_SCENARIOS
from warden.remediation import iam_action, load_remediations
from warden.testing import MotoAccount, inject_fault


def _rest_stage(aws: MotoAccount, *patches: tuple[str, str]) -> str:
    client = aws.client("apigateway")
    api = client.create_rest_api(name="orders")
    root = client.get_resources(restApiId=api["id"])["items"][0]["id"]
    client.put_method(restApiId=api["id"], resourceId=root, httpMethod="GET", authorizationType="NONE")
    client.put_integration(restApiId=api["id"], resourceId=root, httpMethod="GET", type="MOCK")
    deployment = client.create_deployment(restApiId=api["id"])["id"]
    client.create_stage(restApiId=api["id"], stageName="prod", deploymentId=deployment, variables={"backend": "v2"})
    client.update_stage(
        restApiId=api["id"],
        stageName="prod",
        patchOperations=[{"op": "replace", "path": p, "value": v} for p, v in patches],
    )
    return f"arn:aws:apigateway:us-east-1::/restapis/{api['id']}/stages/prod"


def _stage(aws: MotoAccount, stage_arn: str) -> dict[str, Any]:
    api_id, stage = stage_arn.split("/")[-3], stage_arn.split("/")[-1]
    found = aws.client("apigateway").get_stage(restApiId=api_id, stageName=stage)
    found.pop("ResponseMetadata")
    return found


def _without(mapping: dict[str, Any], *paths: str) -> dict[str, Any]:
    copy = json.loads(json.dumps(mapping, default=str))
    for path in paths:
        *parents, leaf = path.split(".")
        target = copy
        for parent in parents:
            target = target.get(parent, {})
        target.pop(leaf, None)
    return copy


def _bucket(aws: MotoAccount, policy: bool = True) -> str:
    s3 = aws.client("s3")
    s3.create_bucket(Bucket="orders-data")
    s3.put_bucket_tagging(Bucket="orders-data", Tagging={"TagSet": [{"Key": "team", "Value": "orders"}]})
    if policy:
        s3.put_bucket_policy(
            Bucket="orders-data",
            Policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "ReadForAnalytics",
                            "Effect": "Allow",
                            "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                            "Action": "s3:GetObject",
                            "Resource": "arn:aws:s3:::orders-data/*",
                        }
                    ],
                }
            ),
        )
    return "orders-data"


def _bucket_state(aws: MotoAccount, name: str) -> dict[str, Any]:
    s3 = aws.client("s3")
    statements = json.loads(s3.get_bucket_policy(Bucket=name)["Policy"])["Statement"] if _has_policy(aws, name) else []
    return {
        "tags": s3.get_bucket_tagging(Bucket=name)["TagSet"],
        "other_statements": [s for s in statements if s.get("Sid") != "WardenDenyInsecureTransport"],
    }


def _has_policy(aws: MotoAccount, name: str) -> bool:
    try:
        aws.client("s3").get_bucket_policy(Bucket=name)
    except aws.client("s3").exceptions.from_code("NoSuchBucketPolicy"):
        return False
    return True


def _trail(aws: MotoAccount, logging: bool, validation: bool) -> str:
    aws.client("s3").create_bucket(Bucket="trail-logs")
    aws.client("cloudtrail").create_trail(
        Name="audit", S3BucketName="trail-logs", IsMultiRegionTrail=True, EnableLogFileValidation=validation
    )
    if logging:
        aws.client("cloudtrail").start_logging(Name="audit")
    return "audit"


def _trail_state(aws: MotoAccount, name: str, *skip: str) -> dict[str, Any]:
    trail = aws.client("cloudtrail").describe_trails(trailNameList=[name])["trailList"]
    trail = next(t for t in trail if t["Name"] == name)
    state = {**trail, "IsLogging": aws.client("cloudtrail").get_trail_status(Name=name)["IsLogging"]}
    return {k: v for k, v in state.items() if k not in skip}


def _group(aws: MotoAccount) -> str:
    ec2 = aws.client("ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    group = ec2.create_security_group(GroupName="bastion", Description="ssh", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=group,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 22,
                "ToPort": 22,
                "IpRanges": [{"CidrIp": "0.0.0.0/0"}, {"CidrIp": "10.0.0.0/8", "Description": "vpn"}],
            },
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
        ],
    )
    return group


def _ingress(aws: MotoAccount, group: str) -> list[tuple[Any, ...]]:
    found = aws.client("ec2").describe_security_groups(GroupIds=[group])["SecurityGroups"][0]
    return sorted(
        (p["IpProtocol"], p.get("FromPort"), r["CidrIp"]) for p in found["IpPermissions"] for r in p.get("IpRanges", [])
    )


def _default_group(aws: MotoAccount) -> str:
    ec2 = aws.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    groups = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["SecurityGroups"]
    default = next(g for g in groups if g["GroupName"] == "default")
    other = ec2.create_security_group(GroupName="app", Description="app", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=other,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 8080,
                "ToPort": 8080,
                "UserIdGroupPairs": [{"GroupId": default["GroupId"]}],
            }
        ],
    )
    return default["GroupId"]


def _other_groups(aws: MotoAccount, default: str) -> Any:
    groups = aws.client("ec2").describe_security_groups()["SecurityGroups"]
    return sorted(
        (g["GroupId"], json.dumps(g["IpPermissions"], sort_keys=True)) for g in groups if g["GroupId"] != default
    )


SCENARIOS = [
    Scenario(
        "api-gw-enable-execution-logging",
        "api-gw-execution-logging-enabled",
        "AWS::ApiGateway::Stage",
        lambda aws: _rest_stage(
            aws, ("/*/*/metrics/enabled", "true"), ("/*/*/throttling/rateLimit", "50"), ("/tracingEnabled", "true")
        ),
        lambda aws, arn: _without(_stage(aws, arn), "methodSettings.*/*.loggingLevel"),
        ("apigateway", "UpdateStage"),
    ),
    Scenario(
        "api-gw-enable-tracing",
        "api-gw-xray-enabled",
        "AWS::ApiGateway::Stage",
        lambda aws: _rest_stage(aws, ("/*/*/logging/loglevel", "INFO"), ("/*/*/metrics/enabled", "true")),
        lambda aws, arn: _without(_stage(aws, arn), "tracingEnabled"),
        ("apigateway", "UpdateStage"),
    ),
    Scenario(
        "api-gw-encrypt-cache",
        "api-gw-cache-encrypted",
        "AWS::ApiGateway::Stage",
        lambda aws: _rest_stage(
            aws,
            ("/cacheClusterEnabled", "true"),
            ("/*/*/caching/enabled", "true"),
            ("/*/*/caching/ttlInSeconds", "60"),
            ("/*/*/caching/dataEncrypted", "false"),
            ("/*/*/logging/loglevel", "ERROR"),
        ),
        lambda aws, arn: _without(_stage(aws, arn), "methodSettings.*/*.cacheDataEncrypted"),
        ("apigateway", "UpdateStage"),
    ),
    Scenario(
        "s3-enforce-ssl",
        "s3-bucket-ssl-requests-only",
        "AWS::S3::Bucket",
        _bucket,
        _bucket_state,
        ("s3", "PutBucketPolicy"),
    ),
    Scenario(
        "s3-block-public-access",
        "s3-bucket-level-public-access-prohibited",
        "AWS::S3::Bucket",
        _bucket,
        _bucket_state,
        ("s3", "PutPublicAccessBlock"),
    ),
    Scenario(
        "s3-enable-versioning",
        "s3-bucket-versioning-enabled",
        "AWS::S3::Bucket",
        _bucket,
        _bucket_state,
        ("s3", "PutBucketVersioning"),
    ),
    Scenario(
        "s3-account-block-public-access",
        "s3-account-level-public-access-blocks",
        "AWS::::Account",
        lambda aws: (_bucket(aws), aws.account_id)[1],
        lambda aws, _: _bucket_state(aws, "orders-data"),
        ("s3-control", "PutPublicAccessBlock"),
    ),
    Scenario(
        "cloudtrail-start-logging",
        "cloudtrail-logging-enabled",
        "AWS::CloudTrail::Trail",
        lambda aws: _trail(aws, logging=False, validation=True),
        lambda aws, name: _trail_state(aws, name, "IsLogging"),
        ("cloudtrail", "StartLogging"),
    ),
    Scenario(
        "cloudtrail-enable-log-file-validation",
        "cloud-trail-log-file-validation-enabled",
        "AWS::CloudTrail::Trail",
        lambda aws: _trail(aws, logging=True, validation=False),
        lambda aws, name: _trail_state(aws, name, "LogFileValidationEnabled"),
        ("cloudtrail", "UpdateTrail"),
    ),
    Scenario(
        "ec2-revoke-open-ingress",
        "vpc-sg-restricted-common-ports",
        "AWS::EC2::SecurityGroup",
        _group,
        lambda aws, group: [r for r in _ingress(aws, group) if r != ("tcp", 22, "0.0.0.0/0")],
        ("ec2", "RevokeSecurityGroupIngress"),
    ),
    Scenario(
        "ec2-revoke-open-ingress",
        "vpc-sg-open-only-to-authorized-ports",
        "AWS::EC2::SecurityGroup",
        _group,
        lambda aws, group: [r for r in _ingress(aws, group) if r != ("tcp", 22, "0.0.0.0/0")],
        ("ec2", "RevokeSecurityGroupIngress"),
    ),
    Scenario(
        "ec2-close-default-security-group",
        "vpc-default-security-group-closed",
        "AWS::EC2::SecurityGroup",
        _default_group,
        _other_groups,
        ("ec2", "RevokeSecurityGroupEgress"),
    ),
]
SCENARIOS += __import__("tests.remediations.scenarios_rules_a", fromlist=["SCENARIOS"]).SCENARIOS
SCENARIOS += __import__("tests.remediations.scenarios_rules_b", fromlist=["SCENARIOS"]).SCENARIOS
SCENARIOS += RULES_C_SCENARIOS
SCENARIOS += __import__("tests.remediations.scenarios_rules_d", fromlist=["SCENARIOS"]).SCENARIOS  # uses Scenario
SCENARIOS += __import__("tests.remediations.scenarios_rules_e", fromlist=["SCENARIOS"]).SCENARIOS
SCENARIOS += __import__("tests.remediations.scenarios_rules_f", fromlist=["SCENARIOS"]).SCENARIOS
IDS = [f"{s.remediation}:{s.rule}" for s in SCENARIOS]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_fixes_the_violation_and_audits_it(aws, scenario, finding, remediator, ledger):
    resource = scenario.create(aws)
    evaluation = finding(scenario.rule, scenario.resource_type, resource)
    assert evaluation.compliance == "NON_COMPLIANT"
    result = remediator().handle(evaluation)
    assert result.outcome == "REMEDIATED", result.detail
    assert finding(scenario.rule, scenario.resource_type, resource).compliance == "COMPLIANT"
    records = list(ledger.records())
    assert [r["outcome"] for r in records] == ["DETECTED", "INTENT", "REMEDIATED"]
    intent, remediated = records[1], records[2]
    assert intent["plan"] == result.plan.to_dict() and intent["before"] == dict(result.plan.before)
    assert remediated["before"] == dict(result.plan.before) and remediated["after"] != remediated["before"]
    assert remediated["remediation_id"] == scenario.remediation
    declared = load_remediations().get(scenario.remediation).permissions
    assert {iam_action(c.service, c.operation) for c in result.plan.calls} <= set(declared)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_second_run_changes_nothing(aws, scenario, finding, remediator):
    resource = scenario.create(aws)
    evaluation = finding(scenario.rule, scenario.resource_type, resource)
    engine = remediator()
    assert engine.handle(evaluation).outcome == "REMEDIATED"
    before = dict(aws.clients.calls)
    again = engine.handle(evaluation)  # an at-least-once redelivery of the same finding
    assert again.outcome == "SKIPPED" and "no longer violates" in again.detail
    assert write_calls(aws.clients, before) == {}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_unrelated_state_is_untouched(aws, scenario, finding, remediator):
    resource = scenario.create(aws)
    unrelated = scenario.snapshot(aws, resource)
    assert remediator().handle(finding(scenario.rule, scenario.resource_type, resource)).outcome == "REMEDIATED"
    assert scenario.snapshot(aws, resource) == unrelated


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_failure_is_recorded_with_the_aws_error_code(aws, scenario, finding, remediator, ledger):
    resource = scenario.create(aws)
    evaluation = finding(scenario.rule, scenario.resource_type, resource)
    service, operation = scenario.write
    inject_fault(aws.client(service.replace("-", "")), operation, "AccessDenied", 403)
    result = remediator().handle(evaluation)
    assert (result.outcome, result.error_code, result.retriable) == ("FAILED", "AccessDenied", False)
    failed = [r for r in ledger.records() if r["outcome"] == "FAILED"]
    assert len(failed) == 1 and failed[0]["error_code"] == "AccessDenied"
    assert failed[0]["before"] == dict(result.plan.before)
    assert finding(scenario.rule, scenario.resource_type, resource).compliance == "NON_COMPLIANT"


@pytest.mark.parametrize(
    "scenario",
    [s for s in SCENARIOS if load_remediations().get(s.remediation).reversible],
    ids=lambda s: f"{s.remediation}:{s.rule}",
)
def test_rollback_restores_the_exact_before_state(aws, scenario, finding, remediator, ledger):
    resource = scenario.create(aws)
    engine = remediator()
    fixed = engine.handle(finding(scenario.rule, scenario.resource_type, resource))
    undone = engine.rollback(fixed.record_id)
    assert undone.outcome == "ROLLED_BACK", undone.detail
    assert finding(scenario.rule, scenario.resource_type, resource).compliance == "NON_COMPLIANT"
    rolled = [r for r in ledger.records() if r["outcome"] == "ROLLED_BACK"][0]
    assert rolled["after"] == dict(fixed.plan.before)
    remediation = load_remediations().get(scenario.remediation)
    assert {iam_action(c.service, c.operation) for c in remediation.rollback_calls(fixed.plan)} <= set(
        remediation.permissions
    )


def test_every_remediation_is_under_contract():
    from tests.remediations.test_stubbed import COVERS

    covered = {s.remediation for s in SCENARIOS} | set(COVERS)
    missing = [entry.id for entry in load_remediations().all() if entry.id not in covered]
    assert missing == []
