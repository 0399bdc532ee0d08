from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import VPC, VPC_EVENTS

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, as_list, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "serviceName": {
            "type": "string",
            "minLength": 1,
            "default": "ec2",
            "description": "The service whose VPC endpoint is required (the last part of com.amazonaws.<region>.ec2).",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="service-vpc-endpoint-enabled",
    title="VPCs have an endpoint for the Amazon EC2 service",
    resource_types=(VPC,),
    severity=Severity.MEDIUM,
    trigger=Trigger.PERIODIC,
    controls=("EC2.10",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("VpcEndpoints",),
    cloudtrail=VPC_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the VPC has an endpoint, not deleted or failed, for `com.amazonaws.<region>.<serviceName>`
    (default ec2); NON_COMPLIANT when it has none."""
    wanted = f"com.amazonaws.{item.region}.{params['serviceName']}"
    endpoints = [
        e
        for e in as_list(item.supplementary.get("VpcEndpoints"))
        if e.get("serviceName") == wanted and str(e.get("state", "")).lower() not in ("deleted", "deleting", "failed")
    ]
    if not endpoints:
        return non_compliant(f"VPC has no endpoint for {wanted}: its calls to the service leave through the internet.")
    return compliant(f"VPC has an endpoint for {wanted} ({endpoints[0].get('vpcEndpointId')}).")
