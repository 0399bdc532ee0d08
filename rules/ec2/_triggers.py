"""CloudTrail events that change EC2 resources and account settings, shared by the EC2 rules."""

from __future__ import annotations

from warden.model import ACCOUNT_RESOURCE_TYPE
from warden.registry import CloudTrailTrigger

SECURITY_GROUP = "AWS::EC2::SecurityGroup"


def group_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    return (
        CloudTrailTrigger(
            "ec2.amazonaws.com",
            ("AuthorizeSecurityGroupIngress", *names),
            SECURITY_GROUP,
            "{requestParameters.groupId}",
        ),
        CloudTrailTrigger(
            "ec2.amazonaws.com",
            ("ModifySecurityGroupRules",),
            SECURITY_GROUP,
            "{requestParameters.ModifySecurityGroupRulesRequest.GroupId}",
        ),
    )


SOURCE = "ec2.amazonaws.com"
INSTANCE = "AWS::EC2::Instance"
VOLUME = "AWS::EC2::Volume"
VPC = "AWS::EC2::VPC"
SUBNET = "AWS::EC2::Subnet"
NETWORK_ACL = "AWS::EC2::NetworkAcl"

# RunInstances names its instances only in a list in the response, which a trigger cannot index; the
# periodic sweep evaluates new instances, and these events re-evaluate the settings the rules read.
INSTANCE_METADATA_EVENTS = (
    CloudTrailTrigger(
        SOURCE,
        ("ModifyInstanceMetadataOptions",),
        INSTANCE,
        "{requestParameters.ModifyInstanceMetadataOptionsRequest.InstanceId}",
    ),
)
INSTANCE_ADDRESS_EVENTS = (
    CloudTrailTrigger(
        SOURCE, ("AssociateAddress", "ModifyInstanceAttribute"), INSTANCE, "{requestParameters.instanceId}"
    ),
)
VOLUME_EVENTS = (
    CloudTrailTrigger(SOURCE, ("CreateVolume",), VOLUME, "{responseElements.volumeId}"),
    CloudTrailTrigger(SOURCE, ("AttachVolume",), VOLUME, "{requestParameters.volumeId}"),
)
VPC_EVENTS = (CloudTrailTrigger(SOURCE, ("CreateVpc",), VPC, "{responseElements.vpc.vpcId}"),)
SUBNET_EVENTS = (
    CloudTrailTrigger(SOURCE, ("CreateSubnet",), SUBNET, "{responseElements.subnet.subnetId}"),
    CloudTrailTrigger(SOURCE, ("ModifySubnetAttribute",), SUBNET, "{requestParameters.subnetId}"),
)
NETWORK_ACL_EVENTS = (
    CloudTrailTrigger(
        SOURCE, ("CreateNetworkAclEntry", "ReplaceNetworkAclEntry"), NETWORK_ACL, "{requestParameters.networkAclId}"
    ),
)


def account_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    return (CloudTrailTrigger(SOURCE, names, ACCOUNT_RESOURCE_TYPE, "{recipientAccountId}"),)


# rules-f: the newer EC2 APIs wrap CloudTrail parameters in <Operation>Request / <Operation>Response.
TRANSIT_GATEWAY = "AWS::EC2::TransitGateway"
LAUNCH_TEMPLATE = "AWS::EC2::LaunchTemplate"
TRANSIT_GATEWAY_EVENTS = (
    CloudTrailTrigger(
        SOURCE,
        ("CreateTransitGateway",),
        TRANSIT_GATEWAY,
        "{responseElements.CreateTransitGatewayResponse.transitGateway.transitGatewayId}",
    ),
    CloudTrailTrigger(
        SOURCE,
        ("ModifyTransitGateway",),
        TRANSIT_GATEWAY,
        "{requestParameters.ModifyTransitGatewayRequest.TransitGatewayId}",
    ),
)
LAUNCH_TEMPLATE_EVENTS = (
    CloudTrailTrigger(
        SOURCE,
        ("CreateLaunchTemplate",),
        LAUNCH_TEMPLATE,
        "{responseElements.CreateLaunchTemplateResponse.launchTemplate.launchTemplateId}",
    ),
    CloudTrailTrigger(
        SOURCE,
        ("CreateLaunchTemplateVersion",),
        LAUNCH_TEMPLATE,
        "{responseElements.CreateLaunchTemplateVersionResponse.launchTemplateVersion.launchTemplateId}",
    ),
    CloudTrailTrigger(
        SOURCE,
        ("ModifyLaunchTemplate",),
        LAUNCH_TEMPLATE,
        "{responseElements.ModifyLaunchTemplateResponse.launchTemplate.launchTemplateId}",
    ),
)
