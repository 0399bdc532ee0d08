from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecs._ecs import SERVICE, SERVICE_EVENTS, assigns_public_ip

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "exemptEcsServiceArns": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "Service ARNs allowed to assign public IPs.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="ecs-service-assign-public-ip-disabled",
    title="ECS services do not assign public IP addresses automatically",
    resource_types=(SERVICE,),
    severity=Severity.HIGH,
    controls=("ECS.2",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=SERVICE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the service's awsvpc configuration does not assign public IPs; NON_COMPLIANT when
    AssignPublicIp is ENABLED; NOT_APPLICABLE for services in `exemptEcsServiceArns`."""
    if item.arn in params["exemptEcsServiceArns"]:
        return not_applicable("Service is exempt by exemptEcsServiceArns.")
    if assigns_public_ip(item):
        return non_compliant(
            "Tasks get public IP addresses; disable AssignPublicIp and reach them through a load balancer."
        )
    return compliant("Tasks do not get public IP addresses.")
