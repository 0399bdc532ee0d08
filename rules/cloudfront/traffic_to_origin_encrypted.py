from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudfront._distribution import (
    DISTRIBUTION,
    DISTRIBUTION_EVENTS,
    cache_behaviors,
    custom_origins,
)

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="cloudfront-traffic-to-origin-encrypted",
    title="CloudFront distributions encrypt traffic to custom origins",
    resource_types=(DISTRIBUTION,),
    severity=Severity.MEDIUM,
    controls=("CloudFront.9",),
    remediation="notify-only",
    cloudtrail=DISTRIBUTION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every custom origin is reached over HTTPS; NON_COMPLIANT when an origin protocol
    policy is `http-only`, or `match-viewer` behind a cache behavior that allows viewers over HTTP;
    NOT_APPLICABLE when the distribution has no custom origin."""
    origins = custom_origins(item)
    if not origins:
        return not_applicable("Distribution has no custom origin.")
    plain_viewers = {
        b.get("targetOriginId") for _, b in cache_behaviors(item) if b.get("viewerProtocolPolicy") == "allow-all"
    }
    offending = []
    for origin in origins:
        policy = origin["customOriginConfig"].get("originProtocolPolicy")
        if policy == "http-only" or (policy == "match-viewer" and origin.get("id") in plain_viewers):
            offending.append(f"{origin.get('id')} ({policy})")
    if offending:
        return non_compliant(f"Origins reached over HTTP: {', '.join(offending)}; set the policy to https-only.")
    return compliant("Every custom origin is reached over HTTPS.")
