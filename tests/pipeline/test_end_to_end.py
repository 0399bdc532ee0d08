"""The seed's story for each scenario: a weakening change is detected from CloudTrail, audited, published on
SNS, queued on SQS, reverted, and verified, with every hop as it runs in AWS (handlers invoked as Lambda)."""

from __future__ import annotations

import json

import pytest
import warden.remediations.handler as remediation_lambda
import warden.trail.handler as trail_lambda

from warden import demo_account
from warden.demo import OPERATOR, REMEDIATION_ROLE, scenarios
from warden.ledger import Ledger, S3Store, verify
from warden.pipeline import SqsPoller, create_stack, put_events_entry, recording_processor
from warden.registry import load_rules

EXPECTED = {
    0: ("api-gw-execution-logging-enabled", "AWS::ApiGateway::Stage"),
    1: ("s3-bucket-ssl-requests-only", "AWS::S3::Bucket"),
    2: ("cloudtrail-logging-enabled", "AWS::CloudTrail::Trail"),
    # EC2.13, EC2.18 and EC2.19 all fire; the first finding's revocation fixes all three (the others are skipped)
    3: ("restricted-ssh", "AWS::EC2::SecurityGroup"),
}


@pytest.fixture
def pipeline(aws, monkeypatch):
    stack = create_stack(aws.clients, load_rules().all())
    account = aws.account_id
    settings = {"remediation": {"default_mode": "auto", "verify_delay_seconds": 0}}
    for key, value in {
        "WARDEN_FINDINGS_TOPIC_ARN": stack.topic_arn,
        "WARDEN_SETTINGS_JSON": json.dumps(settings),
        "WARDEN_IDEMPOTENCY_TABLE": stack.table,
        "WARDEN_AUDIT_BUCKET": stack.audit_bucket,
        "WARDEN_DLQ_URL": stack.remediation_dlq_url,
        "WARDEN_ACCOUNT_ID": account,
        "WARDEN_REMEDIATION_ROLE_ARNS": REMEDIATION_ROLE.format(account=account),
    }.items():
        monkeypatch.setenv(key, value)
    for module, attribute in ((remediation_lambda, "_worker"), (trail_lambda, "_detector")):
        monkeypatch.setattr(module, attribute, None)
    monkeypatch.setattr(remediation_lambda, "processor", recording_processor())
    monkeypatch.setattr(trail_lambda, "processor", recording_processor())
    demo = demo_account.seed(aws.clients)
    trail_queue = SqsPoller(
        aws.clients, stack.trail_queue_url, stack.trail_queue_arn, trail_lambda.lambda_handler, "trail"
    )
    remediation_queue = SqsPoller(
        aws.clients,
        stack.remediation_queue_url,
        stack.remediation_queue_arn,
        remediation_lambda.lambda_handler,
        "remediation",
    )
    return stack, demo, trail_queue, remediation_queue


def _evaluate(aws, rule_id, resource_type, resource_id):
    from warden.collectors import collector_for

    rule = load_rules().get(rule_id)
    item = collector_for(resource_type).read(aws.clients, "us-east-1", aws.account_id, resource_id, rule.attributes)
    return rule.run(item).compliance


@pytest.mark.parametrize(
    "index", sorted(EXPECTED), ids=["UpdateStage", "PutBucketPolicy", "StopLogging", "AuthorizeSecurityGroupIngress"]
)
def test_a_weakening_change_is_detected_audited_published_queued_and_reverted(aws, pipeline, index):
    stack, demo, trail_queue, remediation_queue = pipeline
    rule_id, resource_type = EXPECTED[index]
    title, change, record = scenarios(aws.clients, demo, aws.account_id, OPERATOR.format(account=aws.account_id))[index]
    change()
    detection = trail_lambda.detector()._targets(record)
    (resource_id,) = [rid for (rtype, rid), rules in detection.items() if rtype == resource_type]
    assert _evaluate(aws, rule_id, resource_type, resource_id) == "NON_COMPLIANT"

    aws.client("events").put_events(Entries=[put_events_entry(record)])
    trail_delivery = trail_queue.drain()
    assert trail_delivery.delivered == 1 and trail_delivery.failed == 0
    published = trail_lambda.processor.results[0]
    assert rule_id in {e["rule_id"] for e in published["evaluations"] if e["compliance"] == "NON_COMPLIANT"}

    remediation_delivery = remediation_queue.drain()
    assert remediation_delivery.delivered == len(published["findings"]) and remediation_delivery.failed == 0
    assert _evaluate(aws, rule_id, resource_type, resource_id) == "COMPLIANT"

    records = list(Ledger(S3Store(aws.client("s3"), stack.audit_bucket)).records())
    mine = [r for r in records if r["rule"] == rule_id and r["source_event_id"] == record["eventID"]]
    assert [r["outcome"] for r in mine] == ["DETECTED", "INTENT", "REMEDIATED"]
    assert mine[2]["before"] != mine[2]["after"] and mine[2]["actor"]
    assert verify(S3Store(aws.client("s3"), stack.audit_bucket)).ok
    if index == 3:
        for other_rule in ("vpc-sg-open-only-to-authorized-ports", "vpc-sg-restricted-common-ports"):
            assert _evaluate(aws, other_rule, resource_type, resource_id) == "COMPLIANT"
            other = [
                r["outcome"] for r in records if r["rule"] == other_rule and r["source_event_id"] == record["eventID"]
            ]
            assert other == ["DETECTED", "SKIPPED"]


def test_the_remediation_own_event_does_not_loop(aws, pipeline):
    from warden.demo import cloudtrail_record

    stack, _, trail_queue, remediation_queue = pipeline
    own = cloudtrail_record(
        "cloudtrail.amazonaws.com",
        "StopLogging",
        {"name": "org-trail"},
        aws.account_id,
        REMEDIATION_ROLE.format(account=aws.account_id),
    )
    aws.client("events").put_events(Entries=[put_events_entry(own)])
    trail_queue.drain()
    assert trail_lambda.processor.results[0]["status"] == "ignored"
    assert remediation_queue.drain().delivered == 0
