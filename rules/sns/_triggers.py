"""CloudTrail events that change a topic, shared by the topic rules (Config's resource id is the topic ARN)."""

from __future__ import annotations

from warden.registry import CloudTrailTrigger

SOURCE = "sns.amazonaws.com"
TOPIC = "AWS::SNS::Topic"


def topic_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    return (
        CloudTrailTrigger(SOURCE, ("CreateTopic",), TOPIC, "{responseElements.topicArn}"),
        CloudTrailTrigger(SOURCE, ("SetTopicAttributes", *names), TOPIC, "{requestParameters.topicArn}"),
    )
