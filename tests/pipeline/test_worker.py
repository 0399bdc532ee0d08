"""The remediation worker behind SNS → SQS: at-least-once delivery handled safely."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import warden.remediations.handler as remediation_lambda
from warden.remediations.worker import REASON_ATTRIBUTE

from warden.findings import Publisher, finding_for
from warden.ledger import Ledger, S3Store, verify
from warden.pipeline import MAX_RECEIVE_COUNT, LocalContext, SqsPoller, create_stack, recording_processor
from warden.registry import load_rules

RULE = "s3-bucket-versioning-enabled"
SCHEDULED = {"source": "aws.events", "detail-type": "Scheduled Event", "detail": {}}


@pytest.fixture
def stack(aws, monkeypatch):
    built = create_stack(aws.clients, load_rules().all())
    settings = {"remediation": {"default_mode": "auto", "verify_delay_seconds": 0, "max_changes_per_rule_per_hour": 5}}
    for key, value in {
        "WARDEN_SETTINGS_JSON": json.dumps(settings),
        "WARDEN_IDEMPOTENCY_TABLE": built.table,
        "WARDEN_AUDIT_BUCKET": built.audit_bucket,
        "WARDEN_DLQ_URL": built.remediation_dlq_url,
        "WARDEN_MAX_RECEIVES": str(MAX_RECEIVE_COUNT),
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(remediation_lambda, "_worker", None)  # a fresh container
    monkeypatch.setattr(remediation_lambda, "processor", recording_processor())
    return built


def _poller(aws, stack, **options):
    """Lambda's delivery; `deadline_ms=1` for redeliveries that come after the failed one's claim lapsed."""
    return SqsPoller(
        aws.clients,
        stack.remediation_queue_url,
        stack.remediation_queue_arn,
        remediation_lambda.lambda_handler,
        "warden-remediation",
        **options,
    )


def _finding(aws, bucket):
    from warden.collectors import collector_for

    rule = load_rules().get(RULE)
    item = collector_for("AWS::S3::Bucket").read(aws.clients, "us-east-1", aws.account_id, bucket, rule.attributes)
    return finding_for(rule.run(item), "cloudtrail", source_event_id=f"event-{bucket}")


def _ledger(aws, stack):
    return list(Ledger(S3Store(aws.client("s3"), stack.audit_bucket)).records())


def _status(aws, bucket):
    return aws.client("s3").get_bucket_versioning(Bucket=bucket).get("Status", "Off")


def test_a_finding_published_on_sns_is_remediated_through_sqs(aws, stack):
    aws.client("s3").create_bucket(Bucket="data")
    Publisher(aws.client("sns"), stack.topic_arn).publish([_finding(aws, "data")])
    delivery = _poller(aws, stack).drain()
    assert delivery.delivered == 1 and delivery.failed == 0
    assert _status(aws, "data") == "Enabled"
    assert [r["outcome"] for r in _ledger(aws, stack)] == ["DETECTED", "INTENT", "REMEDIATED"]
    report = verify(S3Store(aws.client("s3"), stack.audit_bucket))
    assert report.ok and report.digests == 1  # the batch anchored the stream's head


def test_the_same_message_three_times_changes_once_and_audits_the_duplicates(aws, stack):
    aws.client("s3").create_bucket(Bucket="data")
    body = json.dumps(_finding(aws, "data").to_message())
    for _ in range(3):
        aws.client("sqs").send_message(QueueUrl=stack.remediation_queue_url, MessageBody=body)
    _poller(aws, stack).drain()
    outcomes = [r["outcome"] for r in _ledger(aws, stack)]
    assert outcomes.count("REMEDIATED") == 1 and outcomes.count("DUPLICATE") == 2 and outcomes.count("DETECTED") == 1
    statuses = sorted(r["status"] for r in remediation_lambda.processor.results)
    assert statuses == ["duplicate", "duplicate", "handled"]


def test_a_poison_message_goes_to_the_dlq_with_its_reason_and_the_batch_goes_on(aws, stack):
    s3, sqs = aws.client("s3"), aws.client("sqs")
    s3.create_bucket(Bucket="good-1")
    s3.create_bucket(Bucket="good-2")
    good = json.dumps(_finding(aws, "good-1").to_message())
    enveloped = json.dumps({"Type": "Notification", "Message": json.dumps(_finding(aws, "good-2").to_message())})
    bad_schema = json.dumps({"schema": "warden.finding/v1", "rule_id": RULE})
    for body in (good, "{{ not json", bad_schema, enveloped):
        sqs.send_message(QueueUrl=stack.remediation_queue_url, MessageBody=body)
    delivery = _poller(aws, stack).drain()
    assert delivery.delivered == 4 and delivery.failed == 0  # nothing is retried forever
    assert _status(aws, "good-1") == _status(aws, "good-2") == "Enabled"
    dead = sqs.receive_message(
        QueueUrl=stack.remediation_dlq_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"]
    )["Messages"]
    reasons = sorted(m["MessageAttributes"][REASON_ATTRIBUTE]["StringValue"] for m in dead)
    assert reasons == ["invalid warden.finding/v1: 'finding_id' is a required property", reasons[1]]
    assert reasons[1].startswith("not JSON")
    rejected = [r for r in _ledger(aws, stack) if r["outcome"] == "REJECTED"]
    assert len(rejected) == 2 and all(r["error_code"] == "MalformedFinding" for r in rejected)


def _throttle_fixes(aws, monkeypatch):
    """A fresh worker whose S3 client fails every PutBucketVersioning with a 500, one attempt per call."""
    import botocore.endpoint

    from warden.testing import inject_fault

    monkeypatch.setattr(botocore.endpoint.time, "sleep", lambda _: None)
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")  # client retries are tested elsewhere; this is about SQS's
    remediation_lambda.worker()  # build the container, then make its S3 client fail one operation
    s3 = remediation_lambda._worker._remediator._clients.client("s3", "us-east-1")
    inject_fault(s3, "PutBucketVersioning", "InternalError", 500, times=1000)


def _dead_messages(aws, stack):
    return (
        aws.client("sqs")
        .receive_message(QueueUrl=stack.remediation_dlq_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"])
        .get("Messages", [])
    )


def test_a_retriable_failure_is_redelivered_then_dead_lettered_with_its_reason_on_the_last_receive(
    aws, stack, monkeypatch
):
    aws.client("s3").create_bucket(Bucket="throttled")
    finding = _finding(aws, "throttled")
    _throttle_fixes(aws, monkeypatch)
    emitted = []
    monkeypatch.setattr(remediation_lambda.metrics, "add_metric", lambda name, **_: emitted.append(name))
    aws.client("sqs").send_message(QueueUrl=stack.remediation_queue_url, MessageBody=json.dumps(finding.to_message()))
    delivery = _poller(aws, stack).drain(max_batches=20)
    assert emitted.count("RemediationsFailed") == 1  # what the failed-remediation alarm watches
    # four receives reported as batch item failures; the fifth, the last SQS allows, is dead-lettered by the worker
    assert delivery.delivered == MAX_RECEIVE_COUNT and delivery.failed == MAX_RECEIVE_COUNT - 1
    dead = _dead_messages(aws, stack)
    assert [json.loads(m["Body"])["finding_id"] for m in dead] == [finding.finding_id]
    reason = dead[0]["MessageAttributes"][REASON_ATTRIBUTE]["StringValue"]
    assert reason.startswith("retries exhausted after 5 receives; the last failure: InternalError")
    records = _ledger(aws, stack)
    failed = Counter(r["error_code"] for r in records if r["outcome"] == "FAILED")
    # each delivery's failed change, each redelivery confirming the one before had not taken effect, and the end
    assert failed == {"InternalError": 5, "NotInEffect": 4, "RetriesExhausted": 1}
    assert [r["outcome"] for r in records].count("INTENT") == 5
    assert _status(aws, "throttled") == "Off"


def test_a_message_sqs_dead_letters_on_its_own_gets_its_reason_and_record_from_the_sweep(aws, stack, monkeypatch):
    monkeypatch.delenv("WARDEN_MAX_RECEIVES")  # as if the last receive crashed: SQS's redrive moves it
    aws.client("s3").create_bucket(Bucket="throttled")
    finding = _finding(aws, "throttled")
    _throttle_fixes(aws, monkeypatch)
    aws.client("sqs").send_message(QueueUrl=stack.remediation_queue_url, MessageBody=json.dumps(finding.to_message()))
    assert _poller(aws, stack).drain(max_batches=20).failed == MAX_RECEIVE_COUNT

    report = remediation_lambda.lambda_handler(SCHEDULED, LocalContext("warden-remediation"))

    assert report["dead_letters_annotated"] == 1
    dead = _dead_messages(aws, stack)
    assert [json.loads(m["Body"])["finding_id"] for m in dead] == [finding.finding_id]
    assert "without a recorded reason" in dead[0]["MessageAttributes"][REASON_ATTRIBUTE]["StringValue"]
    exhausted = [r for r in _ledger(aws, stack) if r.get("error_code") == "RetriesExhausted"]
    assert [r["finding_id"] for r in exhausted] == [finding.finding_id]
    # annotated once: the next sweep leaves the copy alone
    again = remediation_lambda.lambda_handler(SCHEDULED, LocalContext("warden-remediation"))
    assert again["dead_letters_annotated"] == 0


def test_the_hourly_window_caps_changes_across_invocations(aws, stack, monkeypatch):
    settings = {"remediation": {"default_mode": "auto", "verify_delay_seconds": 0, "max_changes_per_rule_per_hour": 1}}
    monkeypatch.setenv("WARDEN_SETTINGS_JSON", json.dumps(settings))
    for name in ("first", "second"):
        aws.client("s3").create_bucket(Bucket=name)
    poller = _poller(aws, stack)
    for name in ("first", "second"):  # separate invocations: the per-run cap alone would allow both
        remediation_lambda._worker = None
        Publisher(aws.client("sns"), stack.topic_arn).publish([_finding(aws, name)])
        poller.drain()
    assert (_status(aws, "first"), _status(aws, "second")) == ("Enabled", "Off")
    assert [r["outcome"] for r in _ledger(aws, stack)].count("CAPPED") == 1
    items = aws.client("dynamodb").scan(TableName=stack.table)["Items"]
    budget = [i for i in items if i["id"]["S"].startswith(f"budget#{RULE}#")]
    assert [i["changes"]["N"] for i in budget] == ["1"]


def _dead_letters(aws, stack):
    messages = aws.client("sqs").receive_message(
        QueueUrl=stack.remediation_dlq_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"]
    )
    return [m["MessageAttributes"][REASON_ATTRIBUTE]["StringValue"] for m in messages.get("Messages", [])]


@pytest.mark.parametrize(
    "change,code,reason",
    [
        ({"rule_id": "a-rule-from-the-future"}, "UnknownRule", "is not known to this worker"),
        ({"account_id": "999999999999"}, "ForeignAccount", "finding names account 999999999999"),
        ({"resource_arn": "arn:aws-cn:s3:::data"}, "ForeignPartition", "partition 'aws-cn', not 'aws'"),
        ({"resource_arn": "arn:aws:ec2:us-east-1:999999999999:security-group/sg-1"}, "ForeignAccount", "ARN names"),
        ({"region": "xx-nowhere-9"}, "UnknownRegion", "'xx-nowhere-9' is not a region of partition 'aws'"),
        ({"resource_type": "AWS::EC2::SecurityGroup"}, "UndeclaredResourceType", "does not evaluate"),
    ],
)
def test_findings_it_must_not_act_on_are_rejected_audited_and_dead_lettered_once(aws, stack, change, code, reason):
    aws.client("s3").create_bucket(Bucket="data")
    message = {**_finding(aws, "data").to_message(), **change}
    aws.client("sqs").send_message(QueueUrl=stack.remediation_queue_url, MessageBody=json.dumps(message))
    delivery = _poller(aws, stack).drain()
    assert delivery.delivered == 1 and delivery.failed == 0  # acknowledged, never redelivered
    assert _status(aws, "data") == "Off"
    (dead,) = _dead_letters(aws, stack)
    assert reason in dead
    (record,) = _ledger(aws, stack)
    assert (record["outcome"], record["error_code"], record["finding_id"]) == ("REJECTED", code, message["finding_id"])
    assert record["account"] == aws.account_id  # audited in the worker's own stream
    assert remediation_lambda.processor.results[0]["status"] == "rejected"


def test_a_stage_id_that_is_not_a_stage_arn_fails_once_with_a_record(aws, stack):
    rule = load_rules().get("api-gw-execution-logging-enabled")
    from warden.model import Compliance, Evaluation

    evaluation = Evaluation(
        rule.id,
        rule.controls,
        rule.severity,
        "AWS::ApiGateway::Stage",
        "arn:aws:apigateway:us-east-1::/restapis/a/b",
        "",
        "us-east-1",
        aws.account_id,
        Compliance.NON_COMPLIANT,
        "logging off",
        rule.remediation,
    )
    Publisher(aws.client("sns"), stack.topic_arn).publish([finding_for(evaluation, "cloudtrail", "event-1")])
    delivery = _poller(aws, stack).drain()
    assert delivery.delivered == 1 and delivery.failed == 0
    failed = [r for r in _ledger(aws, stack) if r["outcome"] == "FAILED"]
    assert len(failed) == 1 and "not an API Gateway stage ARN" in failed[0]["detail"]


def test_the_dead_letter_copy_of_a_body_sqs_would_refuse_is_escaped(aws, stack):
    from warden.remediations.worker import sqs_text

    assert sqs_text("a\x00b\ud800c\U0001f600") == "a\\u0000b\\ud800c\U0001f600"
    worker = remediation_lambda.worker()
    result = worker.process("\x00 not a finding \ud800", "message-1")
    assert result["status"] == "rejected"
    nested = worker.process("[" * 100_000, "message-2")  # deeper than the JSON parser recurses
    assert nested["status"] == "rejected" and nested["reason"].startswith("not JSON")
    assert [r["error_code"] for r in _ledger(aws, stack)] == ["MalformedFinding"] * 2
    assert len(_dead_letters(aws, stack)) == 2


@pytest.mark.parametrize("code,status", [("SlowDown", 503), ("AccessDenied", 403)])
def test_an_audit_bucket_that_fails_is_retried_only_when_the_failure_may_pass(aws, stack, monkeypatch, code, status):
    import botocore.endpoint
    from warden.remediations.worker import RetriableRemediationError

    from warden.testing import inject_fault

    monkeypatch.setattr(botocore.endpoint.time, "sleep", lambda _: None)
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    worker = remediation_lambda.worker()
    inject_fault(worker._remediator._clients.client("s3", "us-east-1"), "PutObject", code, status)
    bad = json.dumps({"schema": "warden.finding/v1", "rule_id": RULE})
    if status >= 500:
        with pytest.raises(RetriableRemediationError, match=code):
            worker.process(bad, "message-1")
        assert _dead_letters(aws, stack) == []  # sent with its reason once the audit record is written
    else:
        result = worker.process(bad, "message-1")
        assert result["status"] == "failed" and result["record_id"] is None and code in result["reason"]
        assert len(_dead_letters(aws, stack)) == 1


def _worker_client(service):
    return remediation_lambda.worker()._remediator._clients.client(service, "us-east-1")


def _fail_when(client, operation, wanted, times):
    """`operation` on `client` fails like a throttled call while its request body holds `wanted`, `times` times."""
    import botocore.exceptions

    left = [times]

    def refuse(params, **_):
        body = params.get("body") or b""
        body = body.getvalue() if hasattr(body, "getvalue") else body  # S3 bodies are streams by now
        if left[0] and wanted in (body if isinstance(body, bytes) else str(body).encode()):
            left[0] -= 1
            raise botocore.exceptions.ClientError({"Error": {"Code": "SlowDown", "Message": "injected"}}, operation)

    client.meta.events.register_first(f"before-call.{client.meta.service_model.endpoint_prefix}.{operation}", refuse)
    return left


def test_a_batch_of_findings_costs_a_few_calls_beyond_the_fixes(aws, stack, monkeypatch):
    """One batch: a transaction claiming its findings and reserving the hourly window's share, one settling
    them, two ledger blocks (with their id index entries) and the digest, whatever the batch's size."""
    settings = {"remediation": {"default_mode": "auto", "verify_delay_seconds": 0}}
    monkeypatch.setenv("WARDEN_SETTINGS_JSON", json.dumps(settings))
    buckets = [f"bucket-{i}" for i in range(10)]
    for bucket in buckets:
        aws.client("s3").create_bucket(Bucket=bucket)
    Publisher(aws.client("sns"), stack.topic_arn).publish([_finding(aws, b) for b in buckets])
    calls: Counter[str] = Counter()
    for service in ("s3", "dynamodb"):
        _worker_client(service).meta.events.register(
            f"before-call.{service}",
            lambda model, params, **_: calls.update(
                [model.name + ("@audit" if stack.audit_bucket in str(params.get("url", "")) else "")]
            ),
        )
    _worker_client("s3").get_object_lock_configuration(Bucket=stack.audit_bucket)  # warm: as after a first batch
    calls.clear()
    delivery = _poller(aws, stack).drain()
    assert delivery.batches == 1 and all(_status(aws, b) == "Enabled" for b in buckets)
    overhead = {
        name: n for name, n in calls.items() if name.endswith("@audit") or name in ("TransactWriteItems", "UpdateItem")
    }
    assert calls["TransactWriteItems"] == 2 and calls["UpdateItem"] == 0
    assert calls["PutObject@audit"] == 6  # 2 blocks and their 2 id index entries, the digest, the first head hint
    assert sum(overhead.values()) <= 11, overhead  # with the cold writer's head lookup: at most 1.1 per finding
    outcomes = Counter(r["outcome"] for r in _ledger(aws, stack))
    assert outcomes == Counter({"DETECTED": 10, "INTENT": 10, "REMEDIATED": 10})


def _published_while_blocks_fail(aws, stack, monkeypatch, holding):
    """One finding published while writing the ledger block holding `holding` fails, every retry."""
    import time

    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    monkeypatch.setattr(time, "sleep", lambda _: None)
    aws.client("s3").create_bucket(Bucket="data")
    Publisher(aws.client("sns"), stack.topic_arn).publish([_finding(aws, "data")])
    return _fail_when(_worker_client("s3"), "PutObject", holding, times=5)


def test_changes_whose_outcomes_were_lost_are_reconciled_by_the_redelivery(aws, stack, monkeypatch):
    left = _published_while_blocks_fail(aws, stack, monkeypatch, b'"outcome":"REMEDIATED"')
    delivery = _poller(aws, stack, deadline_ms=1).drain()
    assert left == [0] and delivery.failed == 1 and _status(aws, "data") == "Enabled"
    records = _ledger(aws, stack)
    assert [r["outcome"] for r in records] == ["DETECTED", "INTENT", "DETECTED", "REMEDIATED"]
    assert records[3]["plan_id"] == records[1]["plan_id"] and records[3]["detail"].startswith("reconciled: ")
    assert remediation_lambda.processor.results[-1]["outcome"] == "REMEDIATED"


def test_a_delivery_after_claims_went_unsettled_is_a_duplicate_of_what_the_ledger_holds(aws, stack, monkeypatch):
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    aws.client("s3").create_bucket(Bucket="data")
    body = json.dumps(_finding(aws, "data").to_message())
    left = _fail_when(_worker_client("dynamodb"), "TransactWriteItems", b"COMPLETED", times=1)
    poller = _poller(aws, stack, deadline_ms=1)
    for _ in range(2):  # the second copy arrives after the first delivery's claim has lapsed
        aws.client("sqs").send_message(QueueUrl=stack.remediation_queue_url, MessageBody=body)
        poller.drain()
    assert left == [0]
    assert [r["status"] for r in remediation_lambda.processor.results] == ["handled", "duplicate"]
    assert [r["outcome"] for r in _ledger(aws, stack)] == ["DETECTED", "INTENT", "REMEDIATED", "DUPLICATE"]


def test_a_record_without_its_receive_count_is_served_as_a_first_receive(aws, stack):
    from warden.pipeline import LocalContext

    aws.client("s3").create_bucket(Bucket="data")
    body = json.dumps(_finding(aws, "data").to_message())
    record = {"messageId": "m-1", "receiptHandle": "h", "body": body, "eventSource": "aws:sqs"}
    response = remediation_lambda.lambda_handler({"Records": [record]}, LocalContext("warden-remediation"))
    assert response == {"batchItemFailures": []} and _status(aws, "data") == "Enabled"
    assert remediation_lambda.processor.results[0]["outcome"] == "REMEDIATED"


def test_no_change_is_made_while_its_intent_cannot_be_written(aws, stack, monkeypatch):
    left = _published_while_blocks_fail(aws, stack, monkeypatch, b'"outcome":"INTENT"')
    changes: list[str] = []
    _worker_client("s3").meta.events.register(
        "before-call.s3.PutBucketVersioning", lambda **_: changes.append(_status(aws, "data"))
    )
    delivery = _poller(aws, stack, deadline_ms=1).drain()
    assert left == [0] and delivery.failed == 1  # the first delivery changed nothing and was retried
    assert changes == ["Off"] and _status(aws, "data") == "Enabled"  # one change, by the second delivery
    assert [r["outcome"] for r in _ledger(aws, stack)] == ["DETECTED", "INTENT", "REMEDIATED"]
