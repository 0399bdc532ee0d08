from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import LAUNCH_TEMPLATE, LAUNCH_TEMPLATE_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant, not_applicable
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "exemptedLaunchTemplates": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "Launch template ids the rule does not evaluate.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="ec2-launch-template-public-ip-disabled",
    title="EC2 launch templates do not assign public IP addresses to network interfaces",
    resource_types=(LAUNCH_TEMPLATE,),
    severity=Severity.HIGH,
    controls=("EC2.25",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("LaunchTemplateData",),
    cloudtrail=LAUNCH_TEMPLATE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when no network interface of the default version sets `AssociatePublicIpAddress` to true;
    NON_COMPLIANT when one does; NOT_APPLICABLE for templates in `exemptedLaunchTemplates`."""
    if item.resource_id in params["exemptedLaunchTemplates"]:
        return not_applicable("Launch template is exempted by the exemptedLaunchTemplates parameter.")
    data = item.configuration.get("LaunchTemplateData") or {}
    public = [
        str(interface.get("DeviceIndex", "?"))
        for interface in as_list(data.get("NetworkInterfaces"))
        if str(interface.get("AssociatePublicIpAddress")).lower() == "true"
    ]
    if public:
        return non_compliant(
            f"Default version assigns a public IP to the network interface(s) at device index {', '.join(public)}; "
            "publish a version without AssociatePublicIpAddress and make it the default."
        )
    return compliant("Default version assigns no public IP address to network interfaces.")
