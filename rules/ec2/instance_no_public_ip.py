from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import INSTANCE, INSTANCE_ADDRESS_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="ec2-instance-no-public-ip",
    title="EC2 instances have no public IPv4 address",
    resource_types=(INSTANCE,),
    severity=Severity.HIGH,
    controls=("EC2.9",),
    remediation="notify-only",
    cloudtrail=INSTANCE_ADDRESS_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the instance has no `publicIpAddress`; NON_COMPLIANT when it has one (IPv6 is not
    evaluated, as in Security Hub)."""
    address = item.configuration.get("publicIpAddress")
    if address:
        return non_compliant(f"Instance has public IPv4 address {address}; put it behind a load balancer or NAT.")
    return compliant("Instance has no public IPv4 address.")
