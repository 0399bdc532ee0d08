from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant, not_applicable
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "bucketNames": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "Evaluate only these buckets; empty evaluates every versioned bucket.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="s3-version-lifecycle-policy-check",
    title="S3 buckets with versioning enabled have lifecycle configurations",
    resource_types=(BUCKET,),
    severity=Severity.MEDIUM,
    controls=("S3.10",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("BucketVersioningConfiguration", "BucketLifecycleConfiguration"),
    cloudtrail=bucket_events("PutBucketVersioning", "PutBucketLifecycle", "DeleteBucketLifecycle"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when a versioned bucket has an enabled lifecycle rule; NON_COMPLIANT when it has none;
    NOT_APPLICABLE when versioning is not Enabled, or the bucket is not one of `bucketNames` when given."""
    names = params["bucketNames"]
    if names and item.resource_id not in names:
        return not_applicable("Bucket is not one of the buckets named in bucketNames.")
    status = (item.supplementary.get("BucketVersioningConfiguration") or {}).get("status") or "Off"
    if status != "Enabled":
        return not_applicable(f"Versioning is {status}; the control applies to versioned buckets only.")
    rules = as_list((item.supplementary.get("BucketLifecycleConfiguration") or {}).get("rules"))
    enabled = [r for r in rules if str(r.get("status", "")).lower() == "enabled"]
    if not enabled:
        return non_compliant(
            "Versioned bucket has no enabled lifecycle rule: noncurrent versions pile up; expire or transition them."
        )
    return compliant(f"Versioned bucket has {len(enabled)} enabled lifecycle rule(s).")
