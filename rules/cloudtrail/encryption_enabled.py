from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudtrail._triggers import TRAIL, trail_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="cloud-trail-encryption-enabled",
    title="CloudTrail trails encrypt log files with a KMS key",
    resource_types=(TRAIL,),
    severity=Severity.MEDIUM,
    controls=("CloudTrail.2",),
    remediation="notify-only",
    cloudtrail=trail_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the trail has a `kmsKeyId`; NON_COMPLIANT otherwise."""
    key = item.configuration.get("kmsKeyId")
    if key:
        return compliant(f"Log files are encrypted with {key}.")
    return non_compliant("Log files use only S3-managed encryption; set a KMS key (SSE-KMS) on the trail.")
