"""Security-group permissions: Config's camelCase shape to the EC2 API's, one source range at a time."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from warden.model import as_list


def _ports(permission: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"IpProtocol": str(permission.get("ipProtocol", "-1"))}
    if out["IpProtocol"] != "-1" and permission.get("fromPort") is not None:
        out["FromPort"] = int(permission["fromPort"])
        out["ToPort"] = int(permission.get("toPort", permission["fromPort"]))
    return out


def _ipv4(permission: Mapping[str, Any]) -> list[dict[str, Any]]:
    ranges = {r["cidrIp"]: r for r in as_list(permission.get("ipv4Ranges")) if isinstance(r, Mapping)}
    for cidr in as_list(permission.get("ipRanges")):
        if isinstance(cidr, str):
            ranges.setdefault(cidr, {"cidrIp": cidr})
    return [
        {"CidrIp": c, **({"Description": r["description"]} if r.get("description") else {})} for c, r in ranges.items()
    ]


def single_sources(permission: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The permission split into API-shaped permissions of exactly one source each."""
    ports = _ports(permission)
    for entry in _ipv4(permission):
        yield {**ports, "IpRanges": [entry]}
    for entry in as_list(permission.get("ipv6Ranges")):
        shaped = {
            "CidrIpv6": entry["cidrIpv6"],
            **({"Description": entry["description"]} if entry.get("description") else {}),
        }
        yield {**ports, "Ipv6Ranges": [shaped]}
    for pair in as_list(permission.get("userIdGroupPairs")):
        yield {
            **ports,
            "UserIdGroupPairs": [
                {"GroupId": pair["groupId"], **({"UserId": pair["userId"]} if pair.get("userId") else {})}
            ],
        }
    for prefix in as_list(permission.get("prefixListIds")):
        yield {**ports, "PrefixListIds": [{"PrefixListId": prefix["prefixListId"]}]}


def source_of(permission: Mapping[str, Any]) -> str:
    for key, field in (
        ("IpRanges", "CidrIp"),
        ("Ipv6Ranges", "CidrIpv6"),
        ("UserIdGroupPairs", "GroupId"),
        ("PrefixListIds", "PrefixListId"),
    ):
        if permission.get(key):
            return str(permission[key][0][field])
    return "?"


def to_config(permission: Mapping[str, Any]) -> dict[str, Any]:
    """An API-shaped single-source permission back in Config's shape, for re-evaluating it alone."""
    out: dict[str, Any] = {"ipProtocol": permission["IpProtocol"]}
    if "FromPort" in permission:
        out.update(fromPort=permission["FromPort"], toPort=permission["ToPort"])
    out["ipv4Ranges"] = [{"cidrIp": r["CidrIp"]} for r in permission.get("IpRanges", [])]
    out["ipv6Ranges"] = [{"cidrIpv6": r["CidrIpv6"]} for r in permission.get("Ipv6Ranges", [])]
    return out
