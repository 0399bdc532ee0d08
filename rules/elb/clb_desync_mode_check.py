from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import (
    CLASSIC_ATTRIBUTE_EVENTS,
    CLASSIC_LOAD_BALANCER,
    DEFAULT_DESYNC_MODE,
    classic_additional_attribute,
    desync_parameter,
)

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

ATTRIBUTE = "elb.http.desyncmitigationmode"
PARAMETERS = {
    "type": "object",
    "properties": {"desyncMode": desync_parameter("The desync mitigation modes a Classic Load Balancer may use.")},
    "additionalProperties": False,
}


def desync_mode(item: ConfigurationItem) -> str:
    """The mode from the additional attributes; a missing one is AWS's default."""
    return (classic_additional_attribute(item, ATTRIBUTE) or DEFAULT_DESYNC_MODE).lower()


@rule(
    id="clb-desync-mode-check",
    title="Classic Load Balancers use defensive or strictest desync mitigation mode",
    resource_types=(CLASSIC_LOAD_BALANCER,),
    severity=Severity.MEDIUM,
    controls=("ELB.14",),
    parameters=PARAMETERS,
    remediation="clb-set-desync-mitigation-mode",
    attributes=("LoadBalancerAttributes",),
    cloudtrail=CLASSIC_ATTRIBUTE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the `elb.http.desyncmitigationmode` additional attribute is one of `desyncMode`
    (default defensive, strictest); NON_COMPLIANT otherwise; ALB/NLB/GWLB are NOT_APPLICABLE (ELB.12)."""
    mode, allowed = desync_mode(item), [m.lower() for m in params["desyncMode"]]
    if mode in allowed:
        return compliant(f"Desync mitigation mode is {mode}.")
    return non_compliant(f"Desync mitigation mode is {mode}, not one of {', '.join(allowed)} (HTTP desync risk).")
