from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudfront._distribution import DISTRIBUTION, DISTRIBUTION_EVENTS, cache_behaviors

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="cloudfront-viewer-policy-https",
    title="CloudFront distributions require HTTPS between viewers and CloudFront",
    resource_types=(DISTRIBUTION,),
    severity=Severity.MEDIUM,
    controls=("CloudFront.3",),
    remediation="cloudfront-viewer-https-redirect",
    cloudtrail=DISTRIBUTION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the default and every other cache behavior use `https-only` or `redirect-to-https`;
    NON_COMPLIANT when any of them uses `allow-all`, which serves viewers over plain HTTP."""
    open_paths = [path for path, b in cache_behaviors(item) if b.get("viewerProtocolPolicy") == "allow-all"]
    if open_paths:
        return non_compliant(
            f"Viewer protocol policy allow-all on {', '.join(open_paths)}: use redirect-to-https or https-only."
        )
    return compliant("Every cache behavior requires or redirects to HTTPS.")
