"""EC2 security groups, instances, volumes, VPCs, subnets and network ACLs, shaped as AWS Config records them
(the describe output in camelCase; security groups also keep Config's ipRanges strings beside ipv4Ranges);
transit gateways and launch templates in the CloudFormation-style PascalCase Config records for them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import (
    Attribute,
    Collector,
    GetItem,
    ListItems,
    Patch,
    camelize,
    configuration,
    jsonable,
    not_found_is_none,
    supplementary,
)
from warden.model import ConfigurationItem

SECURITY_GROUP = "AWS::EC2::SecurityGroup"
INSTANCE = "AWS::EC2::Instance"
VOLUME = "AWS::EC2::Volume"
VPC = "AWS::EC2::VPC"
SUBNET = "AWS::EC2::Subnet"
NETWORK_ACL = "AWS::EC2::NetworkAcl"
TRANSIT_GATEWAY = "AWS::EC2::TransitGateway"
LAUNCH_TEMPLATE = "AWS::EC2::LaunchTemplate"


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
    """The group's network interfaces. A scan lists the region's interfaces once for every group (a page
    holds up to 1,000); re-reading one group asks for that group's alone."""
    if clients.is_sharing:
        by_group = clients.shared(
            ("ec2:DescribeNetworkInterfaces", item.region), lambda: _interfaces_by_group(clients, item.region)
        )
        return supplementary(NetworkInterfaceIds=by_group.get(item.resource_id, []))
    paginator = clients.client("ec2", item.region).get_paginator("describe_network_interfaces")
    ids = [
        eni["NetworkInterfaceId"]
        for page in paginator.paginate(Filters=[{"Name": "group-id", "Values": [item.resource_id]}])
        for eni in page.get("NetworkInterfaces", [])
    ]
    return supplementary(NetworkInterfaceIds=ids)


def _interfaces_by_group(clients: Clients, region: str) -> dict[str, list[str]]:
    paginator = clients.client("ec2", region).get_paginator("describe_network_interfaces")
    by_group: dict[str, list[str]] = {}
    for page in paginator.paginate(PaginationConfig={"PageSize": 1000}):
        for eni in page.get("NetworkInterfaces", []):
            for group in eni.get("Groups", []):
                by_group.setdefault(group["GroupId"], []).append(eni["NetworkInterfaceId"])
    return by_group


def _item(resource_type: str, id_key: str, kind: str) -> Callable[[str, str, dict[str, Any]], ConfigurationItem]:
    """A builder of items of one resource type from its describe entry; `kind` is the ARN's resource part."""

    def build(region: str, account_id: str, entry: dict[str, Any]) -> ConfigurationItem:
        resource_id = entry[id_key]
        tags = {t["Key"]: t["Value"] for t in entry.get("Tags", [])}
        return ConfigurationItem(
            resource_type=resource_type,
            resource_id=resource_id,
            arn=f"arn:aws:ec2:{region}:{account_id}:{kind}/{resource_id}",
            region=region,
            account_id=account_id,
            configuration=camelize(entry),
            tags=tags,
            resource_name=tags.get("Name", resource_id),
        )

    return build


def _describer(
    resource_type: str, operation: str, list_key: str, id_key: str, ids_param: str, kind: str, not_found: set[str]
) -> tuple[ListItems, GetItem]:
    """list_items and get_item for an EC2 describe operation that takes a list of ids."""
    build = _item(resource_type, id_key, kind)

    def list_items(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
        for page in clients.client("ec2", region).get_paginator(operation).paginate():
            for entry in page.get(list_key, []):
                yield build(region, account_id, entry)

    @not_found_is_none(not_found)
    def get_item(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
        found = getattr(clients.client("ec2", region), operation)(**{ids_param: [resource_id]})[list_key]
        return build(region, account_id, found[0]) if found else None

    return list_items, get_item


_build_instance = _item(INSTANCE, "InstanceId", "instance")


def list_instances(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("ec2", region).get_paginator("describe_instances").paginate():
        for reservation in page.get("Reservations", []):
            for instance in reservation.get("Instances", []):
                if instance.get("State", {}).get("Name") != "terminated":
                    yield _build_instance(region, account_id, instance)


@not_found_is_none({"InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed"})
def get_instance(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    reservations = clients.client("ec2", region).describe_instances(InstanceIds=[resource_id])["Reservations"]
    instances = [i for r in reservations for i in r.get("Instances", []) if i["State"]["Name"] != "terminated"]
    return _build_instance(region, account_id, instances[0]) if instances else None


def fetch_flow_logs(clients: Clients, item: ConfigurationItem) -> Patch:
    paginator = clients.client("ec2", item.region).get_paginator("describe_flow_logs")
    logs = [
        log
        for page in paginator.paginate(Filter=[{"Name": "resource-id", "Values": [item.resource_id]}])
        for log in page.get("FlowLogs", [])
    ]
    return supplementary(FlowLogs=camelize(logs))


list_volumes, get_volume = _describer(
    VOLUME, "describe_volumes", "Volumes", "VolumeId", "VolumeIds", "volume", {"InvalidVolume.NotFound"}
)
list_vpcs, get_vpc = _describer(VPC, "describe_vpcs", "Vpcs", "VpcId", "VpcIds", "vpc", {"InvalidVpcID.NotFound"})
list_subnets, get_subnet = _describer(
    SUBNET, "describe_subnets", "Subnets", "SubnetId", "SubnetIds", "subnet", {"InvalidSubnetID.NotFound"}
)
list_network_acls, get_network_acl = _describer(
    NETWORK_ACL,
    "describe_network_acls",
    "NetworkAcls",
    "NetworkAclId",
    "NetworkAclIds",
    "network-acl",
    {"InvalidNetworkAclID.NotFound"},
)


def fetch_vpc_endpoints(clients: Clients, item: ConfigurationItem) -> Patch:
    paginator = clients.client("ec2", item.region).get_paginator("describe_vpc_endpoints")
    endpoints = [
        endpoint
        for page in paginator.paginate(Filters=[{"Name": "vpc-id", "Values": [item.resource_id]}])
        for endpoint in page.get("VpcEndpoints", [])
    ]
    return supplementary(VpcEndpoints=camelize(endpoints))


def _transit_gateway_item(region: str, account_id: str, gateway: dict[str, Any]) -> ConfigurationItem:
    """Config records a transit gateway with its options flattened beside Id and Description."""
    gateway_id = gateway["TransitGatewayId"]
    tags = {t["Key"]: t["Value"] for t in gateway.get("Tags", [])}
    configuration = {"Id": gateway_id, "Description": gateway.get("Description"), **gateway.get("Options", {})}
    return ConfigurationItem(
        resource_type=TRANSIT_GATEWAY,
        resource_id=gateway_id,
        arn=gateway.get("TransitGatewayArn") or f"arn:aws:ec2:{region}:{account_id}:transit-gateway/{gateway_id}",
        region=region,
        account_id=account_id,
        configuration=configuration,
        tags=tags,
        resource_name=tags.get("Name", gateway_id),
    )


def list_transit_gateways(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("ec2", region).get_paginator("describe_transit_gateways").paginate():
        for gateway in page.get("TransitGateways", []):
            if gateway.get("State") != "deleted":
                yield _transit_gateway_item(region, account_id, gateway)


@not_found_is_none({"InvalidTransitGatewayID.NotFound", "InvalidTransitGatewayID.Malformed"})
def get_transit_gateway(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    found = clients.client("ec2", region).describe_transit_gateways(TransitGatewayIds=[resource_id])
    gateways = [g for g in found.get("TransitGateways", []) if g.get("State") != "deleted"]
    return _transit_gateway_item(region, account_id, gateways[0]) if gateways else None


def _launch_template_item(region: str, account_id: str, template: dict[str, Any]) -> ConfigurationItem:
    template_id = template["LaunchTemplateId"]
    tags = {t["Key"]: t["Value"] for t in template.get("Tags", [])}
    return ConfigurationItem(
        resource_type=LAUNCH_TEMPLATE,
        resource_id=template_id,
        arn=f"arn:aws:ec2:{region}:{account_id}:launch-template/{template_id}",
        region=region,
        account_id=account_id,
        configuration={
            "Id": template_id,
            "LaunchTemplateName": template.get("LaunchTemplateName"),
            "DefaultVersionNumber": str(template.get("DefaultVersionNumber")),
            "LatestVersionNumber": str(template.get("LatestVersionNumber")),
        },
        tags=tags,
        resource_name=template.get("LaunchTemplateName"),
    )


def list_launch_templates(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("ec2", region).get_paginator("describe_launch_templates").paginate():
        for template in page.get("LaunchTemplates", []):
            yield _launch_template_item(region, account_id, template)


@not_found_is_none({"InvalidLaunchTemplateId.NotFound", "InvalidLaunchTemplateId.Malformed"})
def get_launch_template(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    found = clients.client("ec2", region).describe_launch_templates(LaunchTemplateIds=[resource_id])
    templates = found.get("LaunchTemplates", [])
    return _launch_template_item(region, account_id, templates[0]) if templates else None


def fetch_launch_template_data(clients: Clients, item: ConfigurationItem) -> Patch:
    """The default version's data, which Config records as the template's LaunchTemplateData."""
    versions = clients.client("ec2", item.region).describe_launch_template_versions(
        LaunchTemplateId=item.resource_id, Versions=["$Default"]
    )["LaunchTemplateVersions"]
    return configuration(LaunchTemplateData=jsonable(versions[0].get("LaunchTemplateData", {})) if versions else {})


COLLECTORS = (
    Collector(INSTANCE, "ec2:DescribeInstances", list_instances, get_instance),
    Collector(VOLUME, "ec2:DescribeVolumes", list_volumes, get_volume),
    Collector(
        VPC,
        "ec2:DescribeVpcs",
        list_vpcs,
        get_vpc,
        {
            "FlowLogs": Attribute("FlowLogs", "ec2:DescribeFlowLogs", fetch_flow_logs),
            "VpcEndpoints": Attribute("VpcEndpoints", "ec2:DescribeVpcEndpoints", fetch_vpc_endpoints),
        },
    ),
    Collector(SUBNET, "ec2:DescribeSubnets", list_subnets, get_subnet),
    Collector(NETWORK_ACL, "ec2:DescribeNetworkAcls", list_network_acls, get_network_acl),
    Collector(
        SECURITY_GROUP,
        "ec2:DescribeSecurityGroups",
        list_groups,
        get_group,
        {
            "NetworkInterfaceIds": Attribute(
                "NetworkInterfaceIds", "ec2:DescribeNetworkInterfaces", fetch_interfaces, account_wide=True
            )
        },
    ),
    Collector(TRANSIT_GATEWAY, "ec2:DescribeTransitGateways", list_transit_gateways, get_transit_gateway),
    Collector(
        LAUNCH_TEMPLATE,
        "ec2:DescribeLaunchTemplates",
        list_launch_templates,
        get_launch_template,
        {
            "LaunchTemplateData": Attribute(
                "LaunchTemplateData",
                "ec2:DescribeLaunchTemplateVersions",
                fetch_launch_template_data,
                recorded_at=("configuration", "LaunchTemplateData"),
            )
        },
    ),
)
