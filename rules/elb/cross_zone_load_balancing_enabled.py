from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import CLASSIC_ATTRIBUTE_EVENTS, CLASSIC_LOAD_BALANCER, classic_attributes

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="elb-cross-zone-load-balancing-enabled",
    title="Classic Load Balancers have cross-zone load balancing enabled",
    resource_types=(CLASSIC_LOAD_BALANCER,),
    severity=Severity.MEDIUM,
    controls=("ELB.9",),
    remediation="elb-enable-cross-zone-load-balancing",
    attributes=("LoadBalancerAttributes",),
    cloudtrail=CLASSIC_ATTRIBUTE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `crossZoneLoadBalancing.enabled` is true; NON_COMPLIANT otherwise; ALB/NLB/GWLB are
    NOT_APPLICABLE. (The control page lists a `predefinedPolicyName` parameter by mistake; the managed rule
    has none.)"""
    if (classic_attributes(item).get("crossZoneLoadBalancing") or {}).get("enabled"):
        return compliant("Cross-zone load balancing is on.")
    return non_compliant("Cross-zone load balancing is off: each node serves only the instances in its own zone.")
