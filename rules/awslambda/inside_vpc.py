from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.awslambda._triggers import CONFIGURATION_EVENTS, FUNCTION

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "subnetIds": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "Subnets a function must use one of; empty accepts any VPC subnet.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="lambda-inside-vpc",
    title="Lambda functions are deployed in a VPC",
    resource_types=(FUNCTION,),
    severity=Severity.LOW,
    controls=("Lambda.3",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=CONFIGURATION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the function is attached to VPC subnets (one of `subnetIds` when given);
    NON_COMPLIANT when it runs outside any VPC or only in other subnets."""
    subnets = list((item.configuration.get("vpcConfig") or {}).get("subnetIds") or [])
    if not subnets:
        return non_compliant("Function runs outside any VPC; attach it to private subnets of your VPC.")
    wanted = params["subnetIds"]
    if wanted and not set(subnets) & set(wanted):
        return non_compliant(f"Function uses subnets {', '.join(subnets)}, none of the required subnets.")
    return compliant(f"Function runs in VPC subnets {', '.join(subnets)}.")
