from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "mode": {
            "type": "string",
            "enum": ["", "GOVERNANCE", "COMPLIANCE"],
            "default": "",
            "description": "When set, the default retention must use this mode.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="s3-bucket-default-lock-enabled",
    title="S3 buckets have Object Lock enabled",
    resource_types=(BUCKET,),
    severity=Severity.MEDIUM,
    controls=("S3.15",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("ObjectLockConfiguration",),
    cloudtrail=bucket_events("PutObjectLockConfiguration"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when Object Lock is enabled (with a default retention in `mode` when that parameter is
    set); NON_COMPLIANT otherwise."""
    lock = item.supplementary.get("ObjectLockConfiguration") or {}
    if lock.get("objectLockEnabled") != "Enabled":
        return non_compliant("Object Lock is not enabled: it can only be turned on for a versioned bucket.")
    retention = ((lock.get("rule") or {}).get("defaultRetention") or {}).get("mode")
    if params["mode"] and retention != params["mode"]:
        return non_compliant(f"Default retention mode is {retention or 'unset'}, not {params['mode']}.")
    return compliant(f"Object Lock is enabled{f' ({retention})' if retention else ''}.")
