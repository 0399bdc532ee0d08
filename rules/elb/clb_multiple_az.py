from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import CLASSIC_LOAD_BALANCER, CLASSIC_ZONE_EVENTS, zone_count

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

MIN_ZONES = {
    "type": "integer",
    "minimum": 2,
    "maximum": 10,
    "default": 2,
    "description": "The fewest Availability Zones the load balancer must span.",
}
PARAMETERS = {"type": "object", "properties": {"minAvailabilityZones": MIN_ZONES}, "additionalProperties": False}


@rule(
    id="clb-multiple-az",
    title="Classic Load Balancers span multiple Availability Zones",
    resource_types=(CLASSIC_LOAD_BALANCER,),
    severity=Severity.MEDIUM,
    controls=("ELB.10",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=CLASSIC_ZONE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `availabilityZones` holds at least `minAvailabilityZones` zones (default 2);
    NON_COMPLIANT otherwise; ALB/NLB/GWLB are NOT_APPLICABLE (ELB.13 covers them)."""
    zones, wanted = zone_count(item), params["minAvailabilityZones"]
    if zones >= wanted:
        return compliant(f"The load balancer spans {zones} Availability Zones.")
    return non_compliant(f"The load balancer spans {zones} Availability Zone(s); it needs at least {wanted}.")
