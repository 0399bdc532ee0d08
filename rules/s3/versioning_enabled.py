from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="s3-bucket-versioning-enabled",
    title="S3 buckets have versioning enabled",
    resource_types=(BUCKET,),
    severity=Severity.LOW,
    controls=("S3.14",),
    remediation="s3-enable-versioning",
    attributes=("BucketVersioningConfiguration",),
    cloudtrail=bucket_events("PutBucketVersioning"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when versioning is Enabled; NON_COMPLIANT when it is Off or Suspended."""
    status = (item.supplementary.get("BucketVersioningConfiguration") or {}).get("status") or "Off"
    if status == "Enabled":
        return compliant("Versioning is enabled.")
    return non_compliant(f"Versioning is {status}; enable it so overwritten and deleted objects can be recovered.")
