"""Security-group ingress analysis shared by the EC2 port rules."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from warden.model import ConfigurationItem, as_list

ALL_PROTOCOLS = "-1"
PROTOCOL_NAMES = {"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", "all": ALL_PROTOCOLS}


@dataclass(frozen=True)
class OpenIngress:
    """One ingress permission open to the whole internet."""

    protocol: str
    from_port: int
    to_port: int
    cidr: str

    def covers(self, protocol: str, port: int) -> bool:
        if self.protocol not in (ALL_PROTOCOLS, protocol):
            return False
        return self.from_port <= port <= self.to_port

    def describe(self) -> str:
        if self.protocol == ALL_PROTOCOLS:
            return f"all traffic from {self.cidr}"
        ports = str(self.from_port) if self.from_port == self.to_port else f"{self.from_port}-{self.to_port}"
        return f"{self.protocol}/{ports} from {self.cidr}"


def _is_open(cidr: str) -> bool:
    # A /0 prefix is the whole address space whatever the address part says.
    return cidr.strip().endswith("/0")


def _cidrs(permission: Mapping[str, Any]) -> Iterator[str]:
    seen = set()
    for cidr in as_list(permission.get("ipRanges")):
        if isinstance(cidr, str):
            seen.add(cidr)
        elif isinstance(cidr, Mapping) and cidr.get("cidrIp"):
            seen.add(cidr["cidrIp"])
    for entry in as_list(permission.get("ipv4Ranges")):
        if isinstance(entry, Mapping) and entry.get("cidrIp"):
            seen.add(entry["cidrIp"])
    for entry in as_list(permission.get("ipv6Ranges")):
        if isinstance(entry, Mapping) and entry.get("cidrIpv6"):
            seen.add(entry["cidrIpv6"])
    yield from sorted(seen)


def open_ingress(item: ConfigurationItem) -> list[OpenIngress]:
    found = []
    for permission in as_list(item.configuration.get("ipPermissions")):
        protocol = str(permission.get("ipProtocol", ALL_PROTOCOLS)).lower()
        protocol = PROTOCOL_NAMES.get(protocol, protocol)
        from_port, to_port = permission.get("fromPort"), permission.get("toPort")
        if protocol == ALL_PROTOCOLS or from_port in (None, -1):
            from_port, to_port = 0, 65535
        for cidr in _cidrs(permission):
            if _is_open(cidr):
                found.append(
                    OpenIngress(protocol, int(from_port), int(to_port if to_port is not None else from_port), cidr)
                )
    return found
