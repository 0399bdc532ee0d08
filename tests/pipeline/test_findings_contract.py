"""One findings contract: whatever a rule can put in a finding, the worker's parser and admission accept."""

from __future__ import annotations

import dataclasses
import json

import pytest
from warden.remediations.worker import admission

from warden.collectors.apigateway import domain_arn, rest_api_arn, rest_stage_arn, v2_api_arn, v2_stage_arn
from warden.findings import Finding, MalformedFindingError, Publisher, finding_for, publishable
from warden.model import Compliance, ConfigurationItem, ConfigurationItemError
from warden.registry import load_rules
from warden.testing import ACCOUNT_ID

REGION = "eu-west-1"
# What each resource type's items look like as Config and Warden's collectors name them.
RESOURCES = {
    "AWS::::Account": (ACCOUNT_ID, "", REGION),
    "AWS::S3::AccountPublicAccessBlock": (ACCOUNT_ID, "", REGION),
    "AWS::S3::Bucket": ("logs.example-bucket", "arn:aws:s3:::logs.example-bucket", REGION),
    "AWS::ApiGateway::DomainName": ("api.example.com", domain_arn(REGION, "api.example.com"), REGION),
    "AWS::ApiGateway::RestApi": (rest_api_arn(REGION, "a1b2c3"), rest_api_arn(REGION, "a1b2c3"), REGION),
    "AWS::ApiGateway::Stage": (
        rest_stage_arn(REGION, "a1b2c3", "prod"),
        rest_stage_arn(REGION, "a1b2c3", "prod"),
        REGION,
    ),
    "AWS::ApiGatewayV2::Api": (v2_api_arn(REGION, "h7"), v2_api_arn(REGION, "h7"), REGION),
    "AWS::ApiGatewayV2::Stage": (
        v2_stage_arn(REGION, "h7", "$default"),
        v2_stage_arn(REGION, "h7", "$default"),
        REGION,
    ),
    "AWS::CloudTrail::Trail": ("audit", f"arn:aws:cloudtrail:{REGION}:{ACCOUNT_ID}:trail/audit", REGION),
    "AWS::EC2::SecurityGroup": (
        "sg-0123456789abcdef0",
        f"arn:aws:ec2:{REGION}:{ACCOUNT_ID}:security-group/sg-0123456789abcdef0",
        REGION,
    ),
    "AWS::IAM::Policy": ("ANPAEXAMPLE0000000001", f"arn:aws:iam::{ACCOUNT_ID}:policy/team/admin", "global"),
    "AWS::IAM::User": ("AIDAEXAMPLE0000000001", f"arn:aws:iam::{ACCOUNT_ID}:user/alice", "global"),
}
GLOBAL_SERVICES = {"IAM", "CloudFront"}


def _representative(resource_type: str) -> tuple[str, str, str]:
    """A resource of a type the table above does not spell out: an id and an ARN in the account, its region."""
    _, service, kind = resource_type.split("::")
    resource_id = f"example-{kind.lower()}"
    if service in GLOBAL_SERVICES:
        return resource_id, f"arn:aws:{service.lower()}::{ACCOUNT_ID}:{kind.lower()}/{resource_id}", "global"
    return resource_id, f"arn:aws:{service.lower()}:{REGION}:{ACCOUNT_ID}:{kind.lower()}/{resource_id}", REGION


DECLARED = {t for rule in load_rules().all() for t in rule.resource_types}
RESOURCES.update({t: _representative(t) for t in DECLARED - set(RESOURCES)})
# Annotations at their limits: the longest Config takes, and text UTF-8 cannot carry (sanitised on publish).
ANNOTATIONS = ["x" * 256, "é" * 300, "bad \ud800 text " * 40]


def _cases():
    return [
        pytest.param(rule, resource_type, compliance, id=f"{rule.id}-{resource_type}-{compliance}")
        for rule in load_rules().all()
        for resource_type in rule.resource_types
        for compliance in (Compliance.COMPLIANT, Compliance.NON_COMPLIANT)
    ]


def test_every_declared_resource_type_has_a_representative_in_the_account():
    assert set(RESOURCES) >= DECLARED


@pytest.mark.parametrize("rule,resource_type,compliance", _cases())
def test_every_finding_a_rule_can_produce_is_accepted_by_the_worker(rule, resource_type, compliance):
    resource_id, arn, region = RESOURCES[resource_type]
    item = ConfigurationItem(resource_type, resource_id, arn, region, ACCOUNT_ID)
    try:
        produced = rule.run(item)
        annotations = [produced.annotation, *ANNOTATIONS]
    except (ConfigurationItemError, KeyError, TypeError, AttributeError, ValueError):
        # The bare item is not enough for this rule; a deleted one gives the same fields to vary.
        produced = rule.run(dataclasses.replace(item, status="ResourceDeleted"))
        annotations = ANNOTATIONS
    for annotation in annotations:
        evaluation = dataclasses.replace(produced, compliance=compliance, annotation=annotation)
        for source in ("config-rule", "cloudtrail", "scan"):
            sent = publishable(finding_for(evaluation, source, source_event_id="7bf73129-1428-4cd3-a780-95db273d1602"))
            received = Finding.from_message(json.dumps(sent.to_message()))
            assert received.evaluation.resource_id == resource_id
            assert admission(received, account_id=ACCOUNT_ID, partition="aws", registry=load_rules()) is None


def test_the_same_check_refuses_on_publish_what_the_worker_would_refuse(aws, findings):
    rule = load_rules().get("s3-bucket-versioning-enabled")
    item = ConfigurationItem("AWS::S3::Bucket", "b" * 769, "arn:aws:s3:::b", REGION, ACCOUNT_ID)
    too_long = finding_for(dataclasses.replace(rule.run(item), compliance=Compliance.NON_COMPLIANT), "scan")
    published = Publisher(aws.client("sns"), findings.topic_arn).publish([too_long])
    assert published.message_ids == () and findings.received() == []
    (refused,) = published.refused
    assert refused.reason.startswith("invalid warden.finding/v1 at resource_id")
    with pytest.raises(MalformedFindingError, match="at resource_id"):
        Finding.from_message(json.dumps(too_long.to_message()))
