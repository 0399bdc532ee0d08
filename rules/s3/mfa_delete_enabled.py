from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="s3-bucket-mfa-delete-enabled",
    title="S3 buckets require MFA to delete object versions",
    resource_types=(BUCKET,),
    severity=Severity.LOW,
    controls=("S3.20",),
    remediation="notify-only",
    attributes=("BucketVersioningConfiguration",),
    cloudtrail=bucket_events("PutBucketVersioning"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when MFA delete is enabled on the bucket's versioning; NON_COMPLIANT otherwise."""
    versioning = item.supplementary.get("BucketVersioningConfiguration") or {}
    if versioning.get("isMfaDeleteEnabled") is True:
        return compliant("MFA delete is enabled.")
    return non_compliant(
        f"MFA delete is off (versioning {versioning.get('status', 'Off')}): the root user must enable it with MFA."
    )
