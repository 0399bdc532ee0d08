from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import LOAD_BALANCER_V2, V2_ATTRIBUTE_EVENTS, v2_attribute

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="elb-deletion-protection-enabled",
    title="Application, Gateway and Network Load Balancers have deletion protection enabled",
    resource_types=(LOAD_BALANCER_V2,),
    severity=Severity.MEDIUM,
    controls=("ELB.6",),
    remediation="notify-only",
    attributes=("LoadBalancerAttributes",),
    cloudtrail=V2_ATTRIBUTE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `deletion_protection.enabled` is true; NON_COMPLIANT otherwise. Classic Load
    Balancers have no deletion protection and are NOT_APPLICABLE."""
    if v2_attribute(item, "deletion_protection.enabled") == "true":
        return compliant("Deletion protection is on.")
    return non_compliant("Deletion protection is off: enable deletion_protection.enabled.")
