from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "destinationArn": {
            "type": "string",
            "default": "",
            "description": "When set, a notification must go to this SNS topic, SQS queue or Lambda function.",
        },
        "eventTypes": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "When set, one notification must cover all these event types (s3:ObjectCreated:*).",
        },
    },
    "additionalProperties": False,
}

# Config records each notification with the Java SDK's destination key for its type.
_DESTINATION_KEYS = ("topicARN", "queueARN", "functionARN")


def _destination(notification: Mapping[str, Any]) -> Any:
    return next((notification[k] for k in _DESTINATION_KEYS if notification.get(k)), None)


def _matches(notification: Mapping[str, Any], params: Mapping[str, Any]) -> bool:
    wanted_destination, wanted_events = params["destinationArn"], params["eventTypes"]
    if wanted_destination and _destination(notification) != wanted_destination:
        return False
    return set(wanted_events) <= set(notification.get("events") or [])


@rule(
    id="s3-event-notifications-enabled",
    title="S3 buckets have event notifications enabled",
    resource_types=(BUCKET,),
    severity=Severity.MEDIUM,
    controls=("S3.11",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("BucketNotificationConfiguration",),
    cloudtrail=bucket_events("PutBucketNotification"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the bucket sends event notifications to SNS, SQS or Lambda (one matching the optional
    `destinationArn` and covering the optional `eventTypes`); NON_COMPLIANT when it sends none or none match."""
    recorded = (item.supplementary.get("BucketNotificationConfiguration") or {}).get("configurations") or {}
    notifications = [n for n in recorded.values() if isinstance(n, Mapping)]
    if not notifications:
        return non_compliant("Bucket has no event notifications; send object events to SNS, SQS or Lambda.")
    if not any(_matches(n, params) for n in notifications):
        return non_compliant(
            f"No notification goes to {params['destinationArn'] or 'any destination'} for "
            f"{', '.join(params['eventTypes']) or 'the events'} required."
        )
    return compliant(f"Bucket sends {len(notifications)} event notification configuration(s).")
