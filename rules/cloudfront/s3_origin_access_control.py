from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudfront._distribution import DISTRIBUTION, DISTRIBUTION_EVENTS, s3_origins

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="cloudfront-s3-origin-access-control-enabled",
    title="CloudFront distributions reach S3 origins through origin access control",
    resource_types=(DISTRIBUTION,),
    severity=Severity.MEDIUM,
    controls=("CloudFront.13",),
    remediation="notify-only",
    cloudtrail=DISTRIBUTION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every S3 origin has an origin access control; NON_COMPLIANT when one has none (an
    origin access identity does not count: OAC replaced it); NOT_APPLICABLE without S3 origins."""
    origins = s3_origins(item)
    if not origins:
        return not_applicable("Distribution has no S3 origin.")
    missing = [str(o.get("id")) for o in origins if not o.get("originAccessControlId")]
    if missing:
        return non_compliant(f"S3 origins without origin access control: {', '.join(missing)}.")
    return compliant("Every S3 origin uses origin access control.")
