from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudtrail._triggers import TRAIL, trail_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="cloudtrail-logging-enabled",
    title="Every CloudTrail trail is logging",
    resource_types=(TRAIL,),
    severity=Severity.HIGH,
    remediation="cloudtrail-start-logging",
    attributes=("TrailStatus",),
    cloudtrail=trail_events("StopLogging", "StartLogging"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the trail is logging; NON_COMPLIANT when it has been stopped."""
    if (item.supplementary.get("TrailStatus") or {}).get("isLogging"):
        return compliant("Trail is logging.")
    return non_compliant("Trail is stopped and records nothing; start logging (a stopped trail hides activity).")
