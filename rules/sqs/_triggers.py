"""CloudTrail events that change a queue, shared by the queue rules (Config's resource id is the queue URL)."""

from __future__ import annotations

from warden.registry import CloudTrailTrigger

SOURCE = "sqs.amazonaws.com"
QUEUE = "AWS::SQS::Queue"


def queue_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    return (
        CloudTrailTrigger(SOURCE, ("CreateQueue",), QUEUE, "{responseElements.queueUrl}"),
        CloudTrailTrigger(SOURCE, ("SetQueueAttributes", *names), QUEUE, "{requestParameters.queueUrl}"),
    )
