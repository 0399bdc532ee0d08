from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import CLASSIC_ATTRIBUTE_EVENTS, CLASSIC_LOAD_BALANCER, classic_attributes

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="elb-connection-draining-enabled",
    title="Classic Load Balancers have connection draining enabled",
    resource_types=(CLASSIC_LOAD_BALANCER,),
    severity=Severity.MEDIUM,
    controls=("ELB.7",),
    remediation="elb-enable-connection-draining",
    attributes=("LoadBalancerAttributes",),
    cloudtrail=CLASSIC_ATTRIBUTE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `connectionDraining.enabled` is true; NON_COMPLIANT otherwise. (AWS Config has no managed
    rule for this: the id is Security Hub's own custom rule.) ALB/NLB/GWLB are NOT_APPLICABLE."""
    draining = classic_attributes(item).get("connectionDraining") or {}
    if draining.get("enabled"):
        return compliant(f"Connection draining is on ({draining.get('timeout')} s).")
    return non_compliant("Connection draining is off: deregistering instances drop their requests in flight.")
