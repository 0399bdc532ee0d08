"""CloudTrail events that change a trail, shared by the trail rules."""

from __future__ import annotations

from warden.model import ACCOUNT_RESOURCE_TYPE
from warden.registry import CloudTrailTrigger

SOURCE = "cloudtrail.amazonaws.com"
TRAIL = "AWS::CloudTrail::Trail"


def trail_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    # Trails are named by name or ARN in requests; Config's resource id is the name.
    return (
        CloudTrailTrigger(SOURCE, ("CreateTrail", "UpdateTrail", *names), TRAIL, "{requestParameters.name|basename}"),
    )


ACCOUNT_TRAIL_EVENTS = (
    CloudTrailTrigger(
        SOURCE,
        ("CreateTrail", "UpdateTrail", "DeleteTrail", "StopLogging", "StartLogging"),
        ACCOUNT_RESOURCE_TYPE,
        "{recipientAccountId}",
    ),
    CloudTrailTrigger(SOURCE, ("PutEventSelectors",), ACCOUNT_RESOURCE_TYPE, "{recipientAccountId}"),
)
