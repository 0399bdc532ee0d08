"""CloudTrail → EventBridge detection: patterns, spoofing, loop prevention, and live re-reads."""

from __future__ import annotations

import json

import pytest
import warden.trail.handler as trail_lambda
from warden.trail.detector import Detector, own_principal
from warden.trail.patterns import CLOUDTRAIL_DETAIL_TYPE, event_patterns, source_for

from warden.demo import cloudtrail_record
from warden.ledger import Ledger, S3Store
from warden.pipeline import SqsPoller, create_stack, put_events_entry, recording_processor
from warden.registry import load_rules
from warden.testing import inject_fault

ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/warden-remediation"


def envelope(record, **overrides):
    """A raw CloudTrail record in the EventBridge envelope AWS delivers it in."""
    event = {
        "version": "0",
        "id": "7bf73129-1428-4cd3-a780-95db273d1602",
        "detail-type": CLOUDTRAIL_DETAIL_TYPE,
        "source": source_for(record["eventSource"]),
        "account": ACCOUNT,
        "time": "2026-11-29T12:00:00Z",
        "region": record.get("awsRegion", "us-east-1"),
        "resources": [],
        "detail": record,
    }
    return {**event, **overrides}


@pytest.fixture
def detector(aws, findings):
    return Detector(aws.clients, load_rules(), findings.publisher, account_id=ACCOUNT, own_roles=[ROLE])


def _stopped_trail(aws, name="audit"):
    aws.client("s3").create_bucket(Bucket=f"{name}-logs")
    aws.client("cloudtrail").create_trail(Name=name, S3BucketName=f"{name}-logs", IsMultiRegionTrail=True)
    return name


def test_patterns_cover_every_declared_event():
    patterns = event_patterns(load_rules().all())
    by_source = {p["detail"]["eventSource"][0]: p for p in patterns}
    assert set(by_source) == {t.source for r in load_rules().all() for t in r.cloudtrail}
    assert {"apigateway.amazonaws.com", "cloudtrail.amazonaws.com", "ec2.amazonaws.com"} <= set(by_source)
    assert by_source["s3.amazonaws.com"]["source"] == ["aws.s3"]
    assert {"PutBucketPolicy", "DeleteBucketPolicy"} <= set(by_source["s3.amazonaws.com"]["detail"]["eventName"])
    assert {"StopLogging", "UpdateTrail"} <= set(by_source["cloudtrail.amazonaws.com"]["detail"]["eventName"])
    assert "UpdateStage" in by_source["apigateway.amazonaws.com"]["detail"]["eventName"]
    assert all(p["detail-type"] == ["AWS API Call via CloudTrail"] for p in patterns)


def test_eventbridge_routes_watched_events_to_the_queue_and_nothing_else(aws):
    stack = create_stack(aws.clients, load_rules().all())
    events, sqs = aws.client("events"), aws.client("sqs")
    watched = cloudtrail_record(
        "s3.amazonaws.com", "PutBucketPolicy", {"bucketName": "b"}, ACCOUNT, "arn:aws:iam::1:user/a"
    )
    unwatched = cloudtrail_record(
        "s3.amazonaws.com", "GetObject", {"bucketName": "b"}, ACCOUNT, "arn:aws:iam::1:user/a"
    )
    events.put_events(Entries=[put_events_entry(watched), put_events_entry(unwatched)])
    messages = sqs.receive_message(QueueUrl=stack.trail_queue_url, MaxNumberOfMessages=10).get("Messages", [])
    assert [json.loads(m["Body"])["detail"]["eventName"] for m in messages] == ["PutBucketPolicy"]


def test_real_stop_logging_record_triggers_a_live_re_read(aws, samples, detector, findings):
    record = json.loads((samples / "cloudtrail/stratus_aws.defense-evasion.cloudtrail-stop.json").read_text())[0]
    # The source scrambled account and region; the rest of the record is as CloudTrail wrote it.
    record = {**record, "awsRegion": "us-east-1", "recipientAccountId": ACCOUNT}
    _stopped_trail(aws, record["requestParameters"]["name"])
    detection = detector.handle(envelope(record))
    assert detection.status == "evaluated"
    rules = {e.rule_id: e.compliance for e in detection.evaluations}
    assert rules["cloudtrail-logging-enabled"] == "NON_COMPLIANT"
    assert "multi-region-cloudtrail-enabled" in rules  # the account-level rule watches StopLogging too
    published = [f["body"] for f in findings.received()]
    assert {p["source_event_id"] for p in published} == {record["eventID"]}


def test_real_authorize_ingress_record_in_its_flat_form(aws, samples, detector):
    record = json.loads(
        (samples / "cloudtrail/stratus_aws.exfiltration.ec2-security-group-open-port-22-ingress.json").read_text()
    )[0]
    ec2 = aws.client("ec2")
    group = ec2.create_security_group(
        GroupName="exposed", Description="x", VpcId=ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    )
    ec2.authorize_security_group_ingress(
        GroupId=group["GroupId"],
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    )
    record = {
        **record,
        "awsRegion": "us-east-1",
        "recipientAccountId": ACCOUNT,
        "requestParameters": {**record["requestParameters"], "groupId": group["GroupId"]},
    }
    detection = detector.handle(envelope(record))
    assert {e.rule_id for e in detection.evaluations if e.compliance == "NON_COMPLIANT"} == {
        "restricted-ssh",
        "vpc-sg-restricted-common-ports",
        "vpc-sg-open-only-to-authorized-ports",
    }


def test_the_payload_is_not_trusted_for_state(aws, detector):
    """The event claims a harmless policy; the bucket's live policy is what gets evaluated."""
    aws.client("s3").create_bucket(Bucket="orders")
    claims_tls = {
        "bucketName": "orders",
        "bucketPolicy": {
            "Statement": [
                {
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Resource": ["arn:aws:s3:::orders", "arn:aws:s3:::orders/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                }
            ]
        },
    }
    record = cloudtrail_record("s3.amazonaws.com", "PutBucketPolicy", claims_tls, ACCOUNT, "arn:aws:iam::1:user/a")
    detection = detector.handle(envelope(record))
    assert {e.rule_id: e.compliance for e in detection.evaluations}["s3-bucket-ssl-requests-only"] == "NON_COMPLIANT"


@pytest.mark.parametrize(
    "change,reason",
    [
        ({"source": "custom.s3"}, "not an AWS service"),
        ({"source": "com.attacker.cloudtrail"}, "not an AWS service"),
        ({"source": "aws.ec2"}, "does not match eventSource"),
        ({"account": "999999999999"}, "is not this account"),
        ({"detail-type": "AWS Console Sign In via CloudTrail"}, "is not 'AWS API Call via CloudTrail'"),
        ({"detail": "not an object"}, "malformed"),
    ],
)
def test_spoofed_events_are_rejected(aws, detector, findings, change, reason):
    _stopped_trail(aws)
    record = cloudtrail_record(
        "cloudtrail.amazonaws.com", "StopLogging", {"name": "audit"}, ACCOUNT, "arn:aws:iam::1:user/a"
    )
    detection = detector.handle(envelope(record, **change))
    assert detection.status == "rejected" and reason in detection.reason
    assert findings.received() == []


def test_a_custom_bus_event_with_a_cloudtrail_detail_type_is_rejected(aws, detector):
    _stopped_trail(aws)
    record = cloudtrail_record("cloudtrail.amazonaws.com", "StopLogging", {"name": "audit"}, "999999999999", "x")
    spoof = envelope(record, source="my.custom.bus.app", account=ACCOUNT)
    assert detector.handle(spoof).status == "rejected"
    wrong_recipient = envelope(record)  # claims this account in the envelope, another in the record
    assert "is not this account" in detector.handle(wrong_recipient).reason


def test_warden_own_remediation_does_not_retrigger(aws, detector, findings):
    _stopped_trail(aws)
    record = cloudtrail_record("cloudtrail.amazonaws.com", "StopLogging", {"name": "audit"}, ACCOUNT, ROLE)
    detection = detector.handle(envelope(record))
    assert detection.status == "ignored" and "Warden's own remediation" in detection.reason
    assert findings.received() == []


def test_own_principal_forms():
    assumed = {"type": "AssumedRole", "arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/warden-remediation/session-42"}
    issuer = {"sessionContext": {"sessionIssuer": {"arn": ROLE}}, "arn": "arn:aws:sts::1:assumed-role/x/y"}
    assert own_principal(assumed, [ROLE]) and own_principal(issuer, [ROLE])
    assert not own_principal({"arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/admin/alice"}, [ROLE])
    assert not own_principal(None, [ROLE])
    with_path = f"arn:aws:iam::{ACCOUNT}:role/service/warden-remediation"  # a session ARN drops the path
    assert own_principal(assumed, [with_path])


@pytest.mark.parametrize(
    "identity",
    [
        {"arn": "arn:aws:sts::999999999999:assumed-role/warden-remediation/session-42"},
        {"sessionContext": {"sessionIssuer": {"arn": "arn:aws:iam::999999999999:role/warden-remediation"}}},
        {"arn": f"arn:aws-cn:sts::{ACCOUNT}:assumed-role/warden-remediation/session-42"},
        {"arn": "warden-remediation", "sessionContext": "not an object"},
    ],
)
def test_a_role_named_like_warden_elsewhere_is_not_warden(identity):
    assert not own_principal(identity, [ROLE])


def test_a_same_named_role_in_another_account_is_evaluated(aws, detector, findings):
    _stopped_trail(aws)
    impostor = "arn:aws:iam::999999999999:role/warden-remediation"
    record = cloudtrail_record("cloudtrail.amazonaws.com", "StopLogging", {"name": "audit"}, ACCOUNT, impostor)
    detection = detector.handle(envelope(record))
    assert detection.status == "evaluated" and detection.findings
    assert {f["body"]["rule_id"] for f in findings.received()} >= {"cloudtrail-logging-enabled"}


@pytest.mark.parametrize(
    "change,reason",
    [
        ({"eventSource": None}, "'eventSource' is a required property"),  # the KeyError it once was
        ({"awsRegion": "xx-nowhere-9"}, "awsRegion 'xx-nowhere-9' is not a region of partition 'aws'"),
        ({"eventName": ["StopLogging"]}, "at eventName"),
        ({"requestParameters": {"name": "audit\ud800"}}, "lone surrogate"),
    ],
)
def test_malformed_cloudtrail_details_are_rejected_not_raised(aws, detector, change, reason):
    record = cloudtrail_record(
        "cloudtrail.amazonaws.com", "StopLogging", {"name": "audit"}, ACCOUNT, "arn:aws:iam::1:user/a"
    )
    event = envelope(record)
    event["detail"] = {k: v for k, v in {**record, **change}.items() if v is not None}
    detection = detector.handle(event)
    assert detection.status == "rejected" and reason in detection.reason


def test_an_odd_stage_id_is_a_failure_that_is_not_retried(aws, detector):
    parameters = {"restApiId": "abc", "stageName": "a/b"}
    record = cloudtrail_record("apigateway.amazonaws.com", "UpdateStage", parameters, ACCOUNT, "arn:aws:iam::1:user/a")
    detection = detector.handle(envelope(record))
    assert detection.status == "failed" and not detection.retriable
    assert detection.errors == (
        "AWS::ApiGateway::Stage arn:aws:apigateway:us-east-1::/restapis/abc/stages/a/b: ResourceIdError",
    )


def test_failed_calls_and_unwatched_events_are_ignored(aws, samples, detector):
    log_file = json.loads((samples / "cloudtrail/awsdocs_raw_cloudtrail_UpdateTrail_error.json").read_text())
    record = {**log_file["Records"][0], "recipientAccountId": ACCOUNT}
    detection = detector.handle(envelope(record))
    assert detection.status == "ignored" and "TrailNotFoundException" in detection.reason
    tag = json.loads((samples / "cloudtrail/custodian_eventbridge_apigateway_TagResource_stage.json").read_text())
    tag.pop("debug", None)
    tag = {**tag, "account": ACCOUNT, "detail": {**tag["detail"], "recipientAccountId": ACCOUNT}}
    assert detector.handle(tag).status == "ignored"


def test_sqs_handler_acks_good_messages_and_retries_throttled_re_reads(aws, findings, monkeypatch, context):
    import botocore.endpoint

    monkeypatch.setattr(botocore.endpoint.time, "sleep", lambda _: None)
    monkeypatch.setattr(
        trail_lambda,
        "_detector",
        Detector(aws.clients, load_rules(), findings.publisher, account_id=ACCOUNT, own_roles=[ROLE]),
    )
    monkeypatch.setattr(trail_lambda, "processor", recording_processor())
    _stopped_trail(aws)
    aws.client("s3").create_bucket(Bucket="busy")
    stop = cloudtrail_record(
        "cloudtrail.amazonaws.com", "StopLogging", {"name": "audit"}, ACCOUNT, "arn:aws:iam::1:user/a"
    )
    policy = cloudtrail_record(
        "s3.amazonaws.com", "DeleteBucketPolicy", {"bucketName": "busy"}, ACCOUNT, "arn:aws:iam::1:user/a"
    )
    inject_fault(aws.client("s3"), "HeadBucket", "SlowDown", 503)
    sqs = aws.client("sqs")
    url = sqs.create_queue(QueueName="trail")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    for record in (stop, policy, {"not": "an event"}):
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps(envelope(record) if "eventSource" in record else record))
    sqs.send_message(QueueUrl=url, MessageBody="{ not json")
    delivery = SqsPoller(aws.clients, url, arn, trail_lambda.lambda_handler, "trail").drain(max_batches=1)
    assert delivery.delivered == 4 and delivery.failed == 1  # only the throttled re-read is retried
    statuses = sorted(r["status"] for r in trail_lambda.processor.results)
    assert statuses == ["evaluated", "rejected", "rejected"]


def test_direct_eventbridge_invocation(aws, findings, monkeypatch, context):
    monkeypatch.setattr(
        trail_lambda,
        "_detector",
        Detector(aws.clients, load_rules(), findings.publisher, account_id=ACCOUNT, own_roles=[ROLE]),
    )
    _stopped_trail(aws)
    record = cloudtrail_record(
        "cloudtrail.amazonaws.com", "StopLogging", {"name": "audit"}, ACCOUNT, "arn:aws:iam::1:user/a"
    )
    result = trail_lambda.lambda_handler(envelope(record), context)
    assert result["status"] == "evaluated" and result["findings"]


def test_a_spoofed_event_is_audited_with_its_reason(aws, findings, monkeypatch, context):
    monkeypatch.setattr(
        trail_lambda,
        "_detector",
        Detector(aws.clients, load_rules(), findings.publisher, account_id=ACCOUNT, own_roles=[ROLE]),
    )
    monkeypatch.setattr(trail_lambda, "_audit", None)
    aws.client("s3").create_bucket(Bucket="audit")
    monkeypatch.setenv("WARDEN_AUDIT_BUCKET", "audit")
    record = cloudtrail_record(
        "cloudtrail.amazonaws.com", "StopLogging", {"name": "audit"}, ACCOUNT, "arn:aws:iam::1:user/a"
    )
    result = trail_lambda.lambda_handler(envelope(record, source="com.attacker.cloudtrail"), context)
    (audited,) = Ledger(S3Store(aws.client("s3"), "audit")).records()
    assert result["status"] == "rejected" and result["record_id"] == audited["id"]
    assert (audited["outcome"], audited["error_code"]) == ("REJECTED", "InvalidTrailEvent")
    assert "not an AWS service" in audited["detail"] and findings.received() == []
