from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import LOAD_BALANCER_V2, V2_ZONE_EVENTS, zone_count
from warden.rules.elb.clb_multiple_az import PARAMETERS

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="elbv2-multiple-az",
    title="Application, Network and Gateway Load Balancers span multiple Availability Zones",
    resource_types=(LOAD_BALANCER_V2,),
    severity=Severity.MEDIUM,
    controls=("ELB.13",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=V2_ZONE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `availabilityZones` holds at least `minAvailabilityZones` zones (default 2);
    NON_COMPLIANT otherwise; Classic Load Balancers are NOT_APPLICABLE (ELB.10 covers them)."""
    zones, wanted = zone_count(item), params["minAvailabilityZones"]
    if zones >= wanted:
        return compliant(f"The load balancer spans {zones} Availability Zones.")
    return non_compliant(f"The load balancer spans {zones} Availability Zone(s); add subnets for at least {wanted}.")
