from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudfront._distribution import DISTRIBUTION, DISTRIBUTION_EVENTS, distribution_config, listed

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="cloudfront-origin-failover-enabled",
    title="CloudFront distributions have origin failover configured",
    resource_types=(DISTRIBUTION,),
    severity=Severity.LOW,
    controls=("CloudFront.4",),
    remediation="notify-only",
    cloudtrail=DISTRIBUTION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the distribution has origin groups and each has two origins; NON_COMPLIANT when it has
    no origin group, or a group with fewer than two origins."""
    groups = listed(distribution_config(item).get("originGroups"))
    if not groups:
        return non_compliant("Distribution has no origin group: add one with a primary and a secondary origin.")
    short = [g.get("id", "?") for g in groups if len(listed(g.get("members"))) < 2]
    if short:
        return non_compliant(f"Origin groups {', '.join(short)} have fewer than two origins to fail over between.")
    return compliant(f"{len(groups)} origin group(s), each with a failover origin.")
