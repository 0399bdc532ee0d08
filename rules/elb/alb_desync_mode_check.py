from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import (
    DEFAULT_DESYNC_MODE,
    LOAD_BALANCER_V2,
    V2_ATTRIBUTE_EVENTS,
    balancer_type,
    desync_parameter,
    v2_attribute,
)

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

ATTRIBUTE = "routing.http.desync_mitigation_mode"
PARAMETERS = {
    "type": "object",
    "properties": {"desyncModeType": desync_parameter("The desync mitigation modes an ALB may use.")},
    "additionalProperties": False,
}


def desync_mode(item: ConfigurationItem) -> str:
    """The ALB's mode; AWS reports it always, so a missing attribute is the default."""
    return (v2_attribute(item, ATTRIBUTE) or DEFAULT_DESYNC_MODE).lower()


@rule(
    id="alb-desync-mode-check",
    title="Application Load Balancers use defensive or strictest desync mitigation mode",
    resource_types=(LOAD_BALANCER_V2,),
    severity=Severity.MEDIUM,
    controls=("ELB.12",),
    parameters=PARAMETERS,
    remediation="alb-set-desync-mitigation-mode",
    attributes=("LoadBalancerAttributes",),
    cloudtrail=V2_ATTRIBUTE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `routing.http.desync_mitigation_mode` is one of `desyncModeType` (default defensive,
    strictest); NON_COMPLIANT otherwise (monitor lets ambiguous requests through); NOT_APPLICABLE to
    Network and Gateway Load Balancers."""
    if balancer_type(item) != "application":
        return not_applicable("Only Application Load Balancers have a desync mitigation mode.")
    mode, allowed = desync_mode(item), [m.lower() for m in params["desyncModeType"]]
    if mode in allowed:
        return compliant(f"Desync mitigation mode is {mode}.")
    return non_compliant(f"Desync mitigation mode is {mode}, not one of {', '.join(allowed)} (HTTP desync risk).")
