from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._ingress import ALL_PROTOCOLS, open_ingress
from warden.rules.ec2._triggers import SECURITY_GROUP, group_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

PORTS = {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 65535}}
PARAMETERS = {
    "type": "object",
    "properties": {
        "authorizedTcpPorts": {**PORTS, "default": [80, 443], "description": "TCP ports that may be open to all."},
        "authorizedUdpPorts": {**PORTS, "default": [], "description": "UDP ports that may be open to all."},
    },
    "additionalProperties": False,
}


@rule(
    id="vpc-sg-open-only-to-authorized-ports",
    title="Security groups allow unrestricted ingress only on authorised ports",
    resource_types=(SECURITY_GROUP,),
    severity=Severity.HIGH,
    controls=("EC2.18",),
    parameters=PARAMETERS,
    remediation="ec2-revoke-open-ingress",
    cloudtrail=group_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every TCP/UDP ingress open to a /0 range is limited to authorised ports;
    NON_COMPLIANT when an open range includes any other port or allows all protocols. ICMP is ignored."""
    authorized = {"tcp": set(params["authorizedTcpPorts"]), "udp": set(params["authorizedUdpPorts"])}
    offending = []
    for ingress in open_ingress(item):
        if ingress.protocol == ALL_PROTOCOLS:
            offending.append(ingress.describe())
        elif ingress.protocol in authorized:
            span = range(ingress.from_port, ingress.to_port + 1)
            if len(span) > len(authorized[ingress.protocol]) or any(
                p not in authorized[ingress.protocol] for p in span
            ):
                offending.append(ingress.describe())
    if offending:
        return non_compliant("Open to the internet beyond authorised ports: " + "; ".join(offending) + ".")
    return compliant("Only authorised ports are open to the internet.")
