"""The governance stack's moving parts on a local endpoint (moto), and Lambda's SQS delivery emulated.

`create_stack` makes what template.yaml deploys: the findings topic, the remediation queue and its DLQ
(subscribed with raw delivery), the idempotency table, the Object Lock audit bucket, and EventBridge rules
(patterns derived from the rules) targeting the trail queue. `SqsPoller` hands queue messages to a handler
in batches of up to ten, as Lambda's event source mapping does, honouring partial batch responses.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from warden.aws import Clients
from warden.registry import Rule
from warden.trail.patterns import CLOUDTRAIL_DETAIL_TYPE, event_patterns, source_for

MAX_RECEIVE_COUNT = 5
AUDIT_RETENTION_DAYS = 1


@dataclass(frozen=True)
class Stack:
    region: str
    account_id: str
    topic_arn: str
    remediation_queue_url: str
    remediation_queue_arn: str
    remediation_dlq_url: str
    trail_queue_url: str
    trail_queue_arn: str
    trail_dlq_url: str
    table: str
    audit_bucket: str
    event_rules: tuple[str, ...]


def _queue(clients: Clients, region: str, name: str) -> tuple[str, str, str]:
    sqs = clients.client("sqs", region)
    dlq_url = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(MAX_RECEIVE_COUNT)})
    url = sqs.create_queue(QueueName=name, Attributes={"RedrivePolicy": redrive, "VisibilityTimeout": "60"})["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn, dlq_url


def create_stack(clients: Clients, rules: list[Rule], region: str = "us-east-1", prefix: str = "warden") -> Stack:
    account_id = clients.account_id
    topic_arn = clients.client("sns", region).create_topic(Name=f"{prefix}-findings")["TopicArn"]
    queue_url, queue_arn, dlq_url = _queue(clients, region, f"{prefix}-remediation")
    clients.client("sns", region).subscribe(
        TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"}
    )
    trail_url, trail_arn, trail_dlq_url = _queue(clients, region, f"{prefix}-trail-events")
    names = []
    events = clients.client("events", region)
    for index, pattern in enumerate(event_patterns(rules)):
        name = f"{prefix}-{pattern['source'][0].removeprefix('aws.')}-{index}"
        events.put_rule(Name=name, EventPattern=json.dumps(pattern), State="ENABLED")
        events.put_targets(Rule=name, Targets=[{"Id": "trail-queue", "Arn": trail_arn}])
        names.append(name)
    table = f"{prefix}-idempotency"
    clients.client("dynamodb", region).create_table(
        TableName=table,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    bucket = f"{prefix}-audit-{account_id}-{region}"
    s3 = clients.client("s3", region)
    kwargs: dict[str, Any] = {"Bucket": bucket, "ObjectLockEnabledForBucket": True}
    if region != "us-east-1":
        kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
    s3.create_bucket(**kwargs)
    s3.put_object_lock_configuration(
        Bucket=bucket,
        ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled",
            "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": AUDIT_RETENTION_DAYS}},
        },
    )
    return Stack(
        region,
        account_id,
        topic_arn,
        queue_url,
        queue_arn,
        dlq_url,
        trail_url,
        trail_arn,
        trail_dlq_url,
        table,
        bucket,
        tuple(names),
    )


class LocalContext:
    """The parts of a Lambda context that Powertools reads."""

    def __init__(self, function_name: str, remaining_ms: int = 300_000) -> None:
        self.function_name = function_name
        self._remaining_ms = remaining_ms
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = 512
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{function_name}"
        self.aws_request_id = "local"
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "local"

    def get_remaining_time_in_millis(self) -> int:
        return self._remaining_ms


@dataclass
class Delivery:
    batches: int = 0
    delivered: int = 0
    failed: int = 0
    results: list[Any] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)


class SqsPoller:
    """Lambda's SQS event source mapping, in-process: batches of ten, partial batch failures retried."""

    def __init__(
        self,
        clients: Clients,
        queue_url: str,
        queue_arn: str,
        handler: Callable[..., Any],
        name: str,
        *,
        deadline_ms: int = 300_000,
        batch_size: int = 10,
    ) -> None:
        """`batch_size`: at most this many messages per invocation (the event source mapping's BatchSize).
        `deadline_ms` is each invocation's remaining time. Lambda redelivers a failed item after the
        visibility timeout (longer than the function's), when the failed invocation's deadline, and with
        it any claim it left in progress, has passed; this poller redelivers at once, so a
        faithful emulation of redelivery gives invocations a deadline that has passed by the next one."""
        self._sqs = clients.client("sqs")
        self._url = queue_url
        self._arn = queue_arn
        self._handler = handler
        self._context = LocalContext(name, deadline_ms)
        self._batch_size = batch_size

    def drain(self, max_batches: int = 500) -> Delivery:
        delivery = Delivery()
        for _ in range(max_batches):  # bounded: a poison message cannot keep the loop alive
            messages = self._sqs.receive_message(
                QueueUrl=self._url,
                MaxNumberOfMessages=self._batch_size,
                AttributeNames=["All"],
                MessageAttributeNames=["All"],
                WaitTimeSeconds=0,
            ).get("Messages", [])
            if not messages:
                break
            try:
                response = self._handler({"Records": [self._record(m) for m in messages]}, self._context)
                failed = {f["itemIdentifier"] for f in (response or {}).get("batchItemFailures", [])}
            except Exception as exc:  # noqa: BLE001 - as Lambda does: a function error fails the whole batch
                response = {"error": repr(exc)}
                failed = {m["MessageId"] for m in messages}
            delivery.batches += 1
            delivery.delivered += len(messages)
            delivery.failed += len(failed)
            delivery.results.append(response)
            delivery.bodies.extend(m["Body"] for m in messages)
            for message in messages:
                if message["MessageId"] in failed:
                    # Back on the queue at once (Lambda waits for the visibility timeout instead).
                    self._sqs.change_message_visibility(
                        QueueUrl=self._url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
                    )
                else:
                    self._sqs.delete_message(QueueUrl=self._url, ReceiptHandle=message["ReceiptHandle"])
        return delivery

    def _record(self, message: dict[str, Any]) -> dict[str, Any]:
        return {
            "messageId": message["MessageId"],
            "receiptHandle": message["ReceiptHandle"],
            "body": message["Body"],
            "attributes": message.get("Attributes", {}),
            "messageAttributes": {
                key: {"stringValue": value.get("StringValue"), "dataType": value.get("DataType")}
                for key, value in message.get("MessageAttributes", {}).items()
            },
            "md5OfBody": message.get("MD5OfBody"),
            "eventSource": "aws:sqs",
            "eventSourceARN": self._arn,
            "awsRegion": self._arn.split(":")[3],
        }


def put_events_entry(record: dict[str, Any]) -> dict[str, Any]:
    """A raw CloudTrail record as the EventBridge entry AWS would deliver it as, on the default bus."""
    return {
        "Source": source_for(record["eventSource"]),
        "DetailType": CLOUDTRAIL_DETAIL_TYPE,
        "Detail": json.dumps(record),
        "EventBusName": "default",
    }


def recording_processor() -> Any:
    """A Powertools BatchProcessor that also keeps each record's result, for display and tests."""
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType

    class RecordingProcessor(BatchProcessor):
        def __init__(self) -> None:
            super().__init__(event_type=EventType.SQS)
            self.results: list[Any] = []

        def success_handler(self, record: Any, result: Any) -> Any:
            self.results.append(result)
            return super().success_handler(record, result)

    return RecordingProcessor()
