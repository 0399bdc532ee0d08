from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import INSTANCE, SOURCE

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant
from warden.registry import CloudTrailTrigger, rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "NetworkInterfaceIds": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "Network interface ids that may be attached in addition to the primary one.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="ec2-instance-multiple-eni-check",
    title="EC2 instances do not use multiple network interfaces",
    resource_types=(INSTANCE,),
    severity=Severity.LOW,
    controls=("EC2.17",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=(CloudTrailTrigger(SOURCE, ("AttachNetworkInterface",), INSTANCE, "{requestParameters.instanceId}"),),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the instance has at most one network interface, not counting those listed in
    `NetworkInterfaceIds`; NON_COMPLIANT when more are attached."""
    allowed = set(params["NetworkInterfaceIds"])
    interfaces = [
        i.get("networkInterfaceId")
        for i in as_list(item.configuration.get("networkInterfaces"))
        if i.get("networkInterfaceId") not in allowed
    ]
    if len(interfaces) > 1:
        return non_compliant(
            f"Instance uses {len(interfaces)} network interfaces ({', '.join(map(str, interfaces))}): a second "
            "interface can bridge subnets and bypass their controls."
        )
    return compliant(f"Instance uses {len(interfaces)} network interface(s).")
