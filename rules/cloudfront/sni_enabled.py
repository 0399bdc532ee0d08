from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudfront._distribution import (
    DISTRIBUTION,
    DISTRIBUTION_EVENTS,
    uses_default_certificate,
    viewer_certificate,
)

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="cloudfront-sni-enabled",
    title="CloudFront distributions with custom certificates serve HTTPS with SNI",
    resource_types=(DISTRIBUTION,),
    severity=Severity.LOW,
    controls=("CloudFront.8",),
    remediation="notify-only",
    cloudtrail=DISTRIBUTION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when a custom certificate is served with `sni-only`; NON_COMPLIANT when it needs dedicated
    IP addresses (`vip` or `static-ip`); NOT_APPLICABLE with the default CloudFront certificate."""
    if uses_default_certificate(item):
        return not_applicable("Distribution uses the default CloudFront certificate.")
    method = viewer_certificate(item).get("sslSupportMethod")
    if method == "sni-only":
        return compliant("Custom certificate is served with SNI.")
    return non_compliant(f"SSL support method is {method}: switch to sni-only (dedicated IPs are not needed).")
