from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudtrail._triggers import TRAIL, trail_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="cloud-trail-cloud-watch-logs-enabled",
    title="CloudTrail trails send their events to CloudWatch Logs",
    resource_types=(TRAIL,),
    severity=Severity.LOW,
    controls=("CloudTrail.5",),
    remediation="notify-only",
    cloudtrail=trail_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the trail has a `cloudWatchLogsLogGroupArn`; NON_COMPLIANT when it is empty."""
    group = item.configuration.get("cloudWatchLogsLogGroupArn")
    if group:
        return compliant(f"Events are delivered to {group}.")
    return non_compliant("Trail does not deliver to CloudWatch Logs, so no metric filter or alarm can watch it.")
