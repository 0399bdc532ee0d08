from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

SETTINGS = ("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets")


def missing_settings(block: Mapping[str, Any] | None) -> list[str]:
    return [name for name in SETTINGS if not (block or {}).get(name)]


@rule(
    id="s3-bucket-level-public-access-prohibited",
    title="S3 buckets have all four Block Public Access settings on",
    resource_types=(BUCKET,),
    severity=Severity.HIGH,
    controls=("S3.8",),
    remediation="s3-block-public-access",
    attributes=("PublicAccessBlockConfiguration",),
    cloudtrail=bucket_events("PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when all four bucket-level Block Public Access settings are true; NON_COMPLIANT otherwise."""
    missing = missing_settings(item.supplementary.get("PublicAccessBlockConfiguration"))
    if missing:
        return non_compliant(f"Bucket Block Public Access is off for {', '.join(missing)}; turn all four on.")
    return compliant("All four bucket-level Block Public Access settings are on.")
