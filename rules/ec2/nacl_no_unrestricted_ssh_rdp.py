from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import NETWORK_ACL, NETWORK_ACL_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant, not_applicable
from warden.registry import rule

ADMIN_PORTS = (22, 3389)
TCP_OR_ALL = ("6", "-1", "tcp", "all")


def opens_admin_port(entry: Mapping[str, Any]) -> list[int]:
    """The admin ports an inbound allow entry opens to 0.0.0.0/0 or ::/0 over TCP (or every protocol)."""
    if entry.get("egress") or str(entry.get("ruleAction", "")).lower() != "allow":
        return []
    if entry.get("cidrBlock") != "0.0.0.0/0" and entry.get("ipv6CidrBlock") != "::/0":
        return []
    protocol = str(entry.get("protocol", "-1")).lower()
    if protocol not in TCP_OR_ALL:
        return []
    ports = entry.get("portRange") or {}
    low, high = ports.get("from"), ports.get("to")
    if protocol in ("-1", "all") or low is None:
        return list(ADMIN_PORTS)
    return [p for p in ADMIN_PORTS if int(low) <= p <= int(high if high is not None else low)]


@rule(
    id="nacl-no-unrestricted-ssh-rdp",
    title="Network ACLs do not allow ingress from anywhere to SSH or RDP",
    resource_types=(NETWORK_ACL,),
    severity=Severity.MEDIUM,
    controls=("EC2.21",),
    remediation="notify-only",
    cloudtrail=NETWORK_ACL_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when no inbound allow entry opens TCP port 22 or 3389 to 0.0.0.0/0 or ::/0; NON_COMPLIANT
    otherwise; NOT_APPLICABLE to a VPC's default network ACL, as in Security Hub. Entries are read as listed,
    without rule-number precedence, like the Config managed rule."""
    if item.configuration.get("isDefault"):
        return not_applicable("Default network ACLs are not evaluated.")
    offending = [
        f"rule {entry.get('ruleNumber')} (port {', '.join(map(str, ports))})"
        for entry in as_list(item.configuration.get("entries"))
        if (ports := opens_admin_port(entry))
    ]
    if offending:
        return non_compliant("Inbound SSH/RDP allowed from anywhere by " + "; ".join(offending) + ".")
    return compliant("No entry allows SSH or RDP from anywhere.")
