from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import SUBNET, SUBNET_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="subnet-auto-assign-public-ip-disabled",
    title="Subnets do not assign public IP addresses automatically",
    resource_types=(SUBNET,),
    severity=Severity.MEDIUM,
    controls=("EC2.15",),
    remediation="notify-only",
    cloudtrail=SUBNET_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when neither `mapPublicIpOnLaunch` nor `assignIpv6AddressOnCreation` is true; NON_COMPLIANT
    otherwise."""
    assigned = [
        kind
        for kind, key in (("IPv4", "mapPublicIpOnLaunch"), ("IPv6", "assignIpv6AddressOnCreation"))
        if item.configuration.get(key)
    ]
    if assigned:
        return non_compliant(f"Subnet gives new network interfaces public {' and '.join(assigned)} addresses.")
    return compliant("Subnet does not assign public addresses automatically.")
