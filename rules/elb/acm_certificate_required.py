from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import (
    CLASSIC_LISTENER_EVENTS,
    CLASSIC_LOAD_BALANCER,
    SECURE_PROTOCOLS,
    classic_listeners,
    describe_listener,
)

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


def is_acm_certificate(certificate: str) -> bool:
    """ACM certificate ARNs name the `acm` service; IAM server certificates name `iam`."""
    parts = certificate.split(":")
    return len(parts) > 2 and parts[0] == "arn" and parts[2] == "acm"


@rule(
    id="elb-acm-certificate-required",
    title="Classic Load Balancers with SSL/HTTPS listeners use certificates from AWS Certificate Manager",
    resource_types=(CLASSIC_LOAD_BALANCER,),
    severity=Severity.MEDIUM,
    controls=("ELB.2",),
    remediation="notify-only",
    cloudtrail=CLASSIC_LISTENER_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every HTTPS and SSL listener's certificate (`sslcertificateId`) is an ACM certificate;
    NON_COMPLIANT when one uses an IAM server certificate or none; NOT_APPLICABLE to a Classic Load Balancer
    without HTTPS or SSL listeners."""
    secure = [li for li in classic_listeners(item) if str(li.get("protocol")).upper() in SECURE_PROTOCOLS]
    if not secure:
        return not_applicable("The load balancer has no HTTPS or SSL listener.")
    outside = [describe_listener(li) for li in secure if not is_acm_certificate(str(li.get("sslcertificateId") or ""))]
    if outside:
        return non_compliant(
            f"Listener(s) {', '.join(outside)} use a certificate not from ACM: import or issue it in ACM, which "
            "renews it, and set it on the listener."
        )
    return compliant("Every HTTPS and SSL listener uses an ACM certificate.")
