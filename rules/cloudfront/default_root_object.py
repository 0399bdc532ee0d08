from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudfront._distribution import (
    DISTRIBUTION,
    DISTRIBUTION_EVENTS,
    distribution_config,
    s3_origins,
)

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="cloudfront-default-root-object-configured",
    title="CloudFront distributions with S3 origins have a default root object",
    resource_types=(DISTRIBUTION,),
    severity=Severity.HIGH,
    controls=("CloudFront.1",),
    remediation="notify-only",
    attributes=("DistributionConfig",),
    cloudtrail=DISTRIBUTION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the distribution names a default root object; NON_COMPLIANT when it has an S3 origin
    and none; NOT_APPLICABLE when every origin is a custom origin (the control skips those)."""
    root = distribution_config(item).get("defaultRootObject")
    if root:
        return compliant(f"Default root object is {root!r}.")
    if not s3_origins(item):
        return not_applicable("Distribution has no S3 origin.")
    return non_compliant("Distribution has S3 origins and no default root object: set one (e.g. index.html).")
