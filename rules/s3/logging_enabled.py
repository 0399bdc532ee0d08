from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="s3-bucket-logging-enabled",
    title="S3 buckets have server access logging enabled",
    resource_types=(BUCKET,),
    severity=Severity.MEDIUM,
    controls=("S3.9",),
    remediation="notify-only",
    attributes=("BucketLoggingConfiguration",),
    cloudtrail=bucket_events("PutBucketLogging"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when server access logs have a destination bucket; NON_COMPLIANT otherwise."""
    target = (item.supplementary.get("BucketLoggingConfiguration") or {}).get("destinationBucketName")
    if target:
        return compliant(f"Server access logs go to bucket {target}.")
    return non_compliant("Server access logging is off; set a destination bucket for access logs.")
