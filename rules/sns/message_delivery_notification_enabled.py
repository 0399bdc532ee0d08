from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.sns._triggers import TOPIC, topic_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

# The protocols SNS logs delivery status for, as their topic attributes spell them.
PROTOCOLS = ("Application", "HTTP", "Lambda", "SQS", "Firehose")


@rule(
    id="sns-topic-message-delivery-notification-enabled",
    title="SNS topics log the delivery status of notification messages",
    resource_types=(TOPIC,),
    severity=Severity.MEDIUM,
    controls=("SNS.2",),
    remediation="notify-only",
    attributes=("TopicAttributes",),
    cloudtrail=topic_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when delivery status logging is on for at least one protocol (a success or failure
    feedback role on the topic); NON_COMPLIANT when no protocol logs delivery status."""
    logged = [
        protocol
        for protocol in PROTOCOLS
        if item.configuration.get(f"{protocol}FailureFeedbackRoleArn")
        or item.configuration.get(f"{protocol}SuccessFeedbackRoleArn")
    ]
    if not logged:
        return non_compliant(
            "Topic does not log delivery status: set a failure (and success) feedback role for the protocols "
            "its subscriptions use."
        )
    return compliant(f"Delivery status is logged for {', '.join(logged)}.")
