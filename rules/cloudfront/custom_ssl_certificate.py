from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudfront._distribution import (
    DISTRIBUTION,
    DISTRIBUTION_EVENTS,
    uses_default_certificate,
    viewer_certificate,
)

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="cloudfront-custom-ssl-certificate",
    title="CloudFront distributions use custom SSL/TLS certificates",
    resource_types=(DISTRIBUTION,),
    severity=Severity.LOW,
    controls=("CloudFront.7",),
    remediation="notify-only",
    cloudtrail=DISTRIBUTION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the viewer certificate comes from ACM or IAM; NON_COMPLIANT when the distribution
    uses the default *.cloudfront.net certificate."""
    if uses_default_certificate(item):
        return non_compliant("Distribution uses the default *.cloudfront.net certificate: attach an ACM certificate.")
    certificate = viewer_certificate(item)
    source = certificate.get("acmCertificateArn") or certificate.get("iamCertificateId") or "a custom certificate"
    return compliant(f"Viewer certificate: {source}.")
