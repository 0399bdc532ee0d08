from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import LOAD_BALANCER_V2, V2_ATTRIBUTE_EVENTS, balancer_type, v2_attribute

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

ATTRIBUTE = "routing.http.drop_invalid_header_fields.enabled"


@rule(
    id="alb-http-drop-invalid-header-enabled",
    title="Application Load Balancers drop invalid HTTP header fields",
    resource_types=(LOAD_BALANCER_V2,),
    severity=Severity.MEDIUM,
    controls=("ELB.4",),
    remediation="notify-only",
    attributes=("LoadBalancerAttributes",),
    cloudtrail=V2_ATTRIBUTE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `routing.http.drop_invalid_header_fields.enabled` is true; NON_COMPLIANT when it is
    false (the default); NOT_APPLICABLE to Network and Gateway Load Balancers."""
    if balancer_type(item) != "application":
        return not_applicable("Only Application Load Balancers parse HTTP headers.")
    if v2_attribute(item, ATTRIBUTE) == "true":
        return compliant("Invalid HTTP header fields are dropped.")
    return non_compliant(f"{ATTRIBUTE} is not true: invalid headers reach the targets (request smuggling risk).")
