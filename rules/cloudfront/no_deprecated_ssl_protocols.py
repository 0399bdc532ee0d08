from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudfront._distribution import DISTRIBUTION, DISTRIBUTION_EVENTS, custom_origins, listed

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="cloudfront-no-deprecated-ssl-protocols",
    title="CloudFront distributions do not use SSLv3 between edge locations and custom origins",
    resource_types=(DISTRIBUTION,),
    severity=Severity.MEDIUM,
    controls=("CloudFront.10",),
    remediation="notify-only",
    cloudtrail=DISTRIBUTION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when no custom origin allows SSLv3; NON_COMPLIANT when one lists SSLv3 among its origin
    SSL protocols; NOT_APPLICABLE when the distribution has no custom origin."""
    origins = custom_origins(item)
    if not origins:
        return not_applicable("Distribution has no custom origin.")
    offending = [
        str(o.get("id"))
        for o in origins
        if o["customOriginConfig"].get("originProtocolPolicy") != "http-only"
        and "SSLv3" in listed(o["customOriginConfig"].get("originSslProtocols"))
    ]
    if offending:
        return non_compliant(f"Origins allowing SSLv3: {', '.join(offending)}; allow TLSv1.2 only.")
    return compliant("No custom origin allows SSLv3.")
