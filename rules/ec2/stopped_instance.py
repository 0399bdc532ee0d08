from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import INSTANCE, SOURCE

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant, not_applicable
from warden.registry import CloudTrailTrigger, rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "allowedDays": {
            "type": "integer",
            "minimum": 0,
            "default": 30,
            "description": "Days an instance may stay stopped before it should be removed.",
        }
    },
    "additionalProperties": False,
}
# EC2 writes the stop time into the reason: "User initiated (2016-05-02 13:11:53 GMT)".
_STOPPED_AT = re.compile(r"\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) (?:GMT|UTC)\)")


def stopped_at(item: ConfigurationItem) -> dt.datetime | None:
    """When the instance stopped: from its state transition reason, else when Config recorded the stop."""
    match = _STOPPED_AT.search(str(item.configuration.get("stateTransitionReason") or ""))
    if match:
        return dt.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)
    if item.capture_time:
        try:
            return dt.datetime.fromisoformat(item.capture_time.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


@rule(
    id="ec2-stopped-instance",
    title="Stopped EC2 instances are removed after the allowed number of days",
    resource_types=(INSTANCE,),
    severity=Severity.MEDIUM,
    trigger=Trigger.PERIODIC,
    controls=("EC2.4",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=(
        CloudTrailTrigger(SOURCE, ("StopInstances",), INSTANCE, "{requestParameters.instancesSet.items.0.instanceId}"),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the instance is not stopped, or stopped for at most `allowedDays` (default 30);
    NON_COMPLIANT when stopped longer, or since a time that was not recorded; NOT_APPLICABLE when terminated."""
    state = (item.configuration.get("state") or {}).get("name")
    if state in ("terminated", "shutting-down"):
        return not_applicable(f"Instance is {state}.")
    if state != "stopped":
        return compliant(f"Instance is {state or 'not stopped'}.")
    since = stopped_at(item)
    if since is None:
        return non_compliant("Instance is stopped and when it stopped is not recorded; start it or terminate it.")
    days = (dt.datetime.now(dt.UTC) - since).total_seconds() / 86400
    if days > params["allowedDays"]:
        return non_compliant(
            f"Instance has been stopped since {since:%Y-%m-%d} ({days:.0f} days, more than {params['allowedDays']}): "
            "terminate it (snapshot its volumes first) or start it."
        )
    return compliant(f"Instance stopped {days:.0f} day(s) ago, within the {params['allowedDays']} allowed.")
