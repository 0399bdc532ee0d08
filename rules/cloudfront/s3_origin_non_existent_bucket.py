from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudfront._distribution import DISTRIBUTION, DISTRIBUTION_EVENTS, s3_origins

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="cloudfront-s3-origin-non-existent-bucket",
    title="CloudFront distributions do not point to S3 buckets that do not exist",
    resource_types=(DISTRIBUTION,),
    severity=Severity.HIGH,
    controls=("CloudFront.12",),
    remediation="notify-only",
    attributes=("S3OriginBuckets",),
    cloudtrail=DISTRIBUTION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every S3 origin's bucket exists; NON_COMPLIANT when one does not (anyone could create
    it and serve content through the distribution); NOT_APPLICABLE without S3 origins (website endpoints
    are custom origins, which the control skips)."""
    if not s3_origins(item):
        return not_applicable("Distribution has no S3 origin.")
    exists = item.supplementary.get("S3OriginBuckets") or {}
    missing = sorted(bucket for bucket, found in exists.items() if not found)
    if missing:
        return non_compliant(f"S3 origin buckets that do not exist: {', '.join(missing)}; remove or recreate them.")
    return compliant("Every S3 origin bucket exists.")
