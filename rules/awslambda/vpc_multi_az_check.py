from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.awslambda._triggers import CONFIGURATION_EVENTS, FUNCTION

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "availabilityZones": {
            "type": "integer",
            "minimum": 2,
            "maximum": 6,
            "default": 2,
            "description": "Fewest Availability Zones the function's subnets must span.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="lambda-vpc-multi-az-check",
    title="VPC Lambda functions operate in multiple Availability Zones",
    resource_types=(FUNCTION,),
    severity=Severity.MEDIUM,
    controls=("Lambda.5",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("SubnetAvailabilityZones",),
    cloudtrail=CONFIGURATION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the function's subnets span at least `availabilityZones` zones; NON_COMPLIANT when
    fewer; NOT_APPLICABLE when the function is not attached to a VPC."""
    subnets = list((item.configuration.get("vpcConfig") or {}).get("subnetIds") or [])
    if not subnets:
        return not_applicable("Function is not attached to a VPC.")
    zones_by_subnet = item.supplementary.get("SubnetAvailabilityZones") or {}
    zones = sorted({zones_by_subnet[s] for s in subnets if s in zones_by_subnet})
    needed = params["availabilityZones"]
    if len(zones) >= needed:
        return compliant(f"Function's subnets span {len(zones)} Availability Zones ({', '.join(zones)}).")
    return non_compliant(
        f"Function's subnets span {len(zones)} Availability Zone(s) ({', '.join(zones) or 'unknown'}); "
        f"add subnets so they span at least {needed}."
    )
