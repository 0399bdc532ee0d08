from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._ingress import open_ingress
from warden.rules.ec2._triggers import SECURITY_GROUP, group_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

# The ports Security Hub EC2.19 calls high risk.
HIGH_RISK_PORTS = [
    20,
    21,
    22,
    23,
    25,
    110,
    135,
    143,
    445,
    1433,
    1434,
    3000,
    3306,
    3389,
    4333,
    5000,
    5432,
    5500,
    5601,
    8080,
    8088,
    8888,
    9200,
    9300,
]

PARAMETERS = {
    "type": "object",
    "properties": {
        "blockedPorts": {
            "type": "array",
            "items": {"type": "integer", "minimum": 0, "maximum": 65535},
            "default": HIGH_RISK_PORTS,
            "description": "Ports that must never be open to 0.0.0.0/0 or ::/0.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="vpc-sg-restricted-common-ports",
    title="Security groups do not allow unrestricted ingress to high-risk ports",
    resource_types=(SECURITY_GROUP,),
    severity=Severity.CRITICAL,
    controls=("EC2.19",),
    parameters=PARAMETERS,
    remediation="ec2-revoke-open-ingress",
    cloudtrail=group_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when no ingress open to a /0 range reaches a blocked port over TCP, UDP or all
    protocols; NON_COMPLIANT otherwise, listing the offending permissions."""
    offending = []
    for ingress in open_ingress(item):
        ports = [p for p in params["blockedPorts"] if ingress.covers("tcp", p) or ingress.covers("udp", p)]
        if ports:
            offending.append(f"{ingress.describe()} (port {', '.join(map(str, ports[:4]))})")
    if offending:
        return non_compliant(
            "Open to the internet on high-risk ports: " + "; ".join(offending) + ". Restrict the source."
        )
    return compliant("No high-risk port is open to the internet.")
