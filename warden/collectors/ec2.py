"""EC2 security groups, shaped as AWS Config records them (ipRanges strings plus ipv4Ranges objects)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import Attribute, Collector, Patch, camelize, not_found_is_none, supplementary
from warden.model import ConfigurationItem

SECURITY_GROUP = "AWS::EC2::SecurityGroup"


def _config_permission(permission: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = camelize(permission)
    ipv4 = out.pop("ipRanges", [])
    out["ipv4Ranges"] = ipv4
    out["ipRanges"] = [r["cidrIp"] for r in ipv4 if "cidrIp" in r]
    return out


def _group_item(region: str, account_id: str, group: dict[str, Any]) -> ConfigurationItem:
    configuration = camelize({k: v for k, v in group.items() if k not in ("IpPermissions", "IpPermissionsEgress")})
    configuration["ipPermissions"] = [_config_permission(p) for p in group.get("IpPermissions", [])]
    configuration["ipPermissionsEgress"] = [_config_permission(p) for p in group.get("IpPermissionsEgress", [])]
    return ConfigurationItem(
        resource_type=SECURITY_GROUP,
        resource_id=group["GroupId"],
        arn=f"arn:aws:ec2:{region}:{account_id}:security-group/{group['GroupId']}",
        region=region,
        account_id=account_id,
        configuration=configuration,
        tags={t["Key"]: t["Value"] for t in group.get("Tags", [])},
        resource_name=group.get("GroupName"),
    )


def list_groups(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    paginator = clients.client("ec2", region).get_paginator("describe_security_groups")
    for page in paginator.paginate():
        for group in page.get("SecurityGroups", []):
            yield _group_item(region, account_id, group)


@not_found_is_none({"InvalidGroup.NotFound", "InvalidGroupId.Malformed"})
def get_group(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    groups = clients.client("ec2", region).describe_security_groups(GroupIds=[resource_id])["SecurityGroups"]
    return _group_item(region, account_id, groups[0]) if groups else None


def fetch_interfaces(clients: Clients, item: ConfigurationItem) -> Patch:
    paginator = clients.client("ec2", item.region).get_paginator("describe_network_interfaces")
    ids = [
        eni["NetworkInterfaceId"]
        for page in paginator.paginate(Filters=[{"Name": "group-id", "Values": [item.resource_id]}])
        for eni in page.get("NetworkInterfaces", [])
    ]
    return supplementary(NetworkInterfaceIds=ids)


COLLECTORS = (
    Collector(
        SECURITY_GROUP,
        "ec2:DescribeSecurityGroups",
        list_groups,
        get_group,
        {"NetworkInterfaceIds": Attribute("NetworkInterfaceIds", "ec2:DescribeNetworkInterfaces", fetch_interfaces)},
    ),
)
