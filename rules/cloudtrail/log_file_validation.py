from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudtrail._triggers import TRAIL, trail_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="cloud-trail-log-file-validation-enabled",
    title="CloudTrail trails have log file integrity validation enabled",
    resource_types=(TRAIL,),
    severity=Severity.LOW,
    controls=("CloudTrail.4",),
    remediation="cloudtrail-enable-log-file-validation",
    cloudtrail=trail_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `logFileValidationEnabled` is true; NON_COMPLIANT otherwise."""
    if item.configuration.get("logFileValidationEnabled") is True:
        return compliant("Log file validation is enabled.")
    return non_compliant("Log file validation is off, so altered or deleted log files go unnoticed; enable it.")
