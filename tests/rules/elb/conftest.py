from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

LOAD_BALANCER_V2 = "AWS::ElasticLoadBalancingV2::LoadBalancer"
CLASSIC = "AWS::ElasticLoadBalancing::LoadBalancer"


def create_balancer(aws: MotoAccount, kind: str = "application", name: str = "orders") -> tuple[str, str]:
    """An ALB (or NLB) in two subnets, and a target group for its listeners; returns their ARNs."""
    ec2, elbv2 = aws.client("ec2"), aws.client("elbv2")
    vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.40.{i}.0/24", AvailabilityZone=f"us-east-1{zone}")["Subnet"][
            "SubnetId"
        ]
        for i, zone in enumerate("ab")
    ]
    balancer = elbv2.create_load_balancer(Name=name, Subnets=subnets, Type=kind)["LoadBalancers"][0]
    protocol = "HTTP" if kind == "application" else "TCP"
    group = elbv2.create_target_group(Name=f"{name}-svc", Protocol=protocol, Port=8080, VpcId=vpc)["TargetGroups"][0]
    return balancer["LoadBalancerArn"], group["TargetGroupArn"]


def certificate(aws: MotoAccount) -> str:
    return str(aws.client("acm").request_certificate(DomainName="orders.example.com")["CertificateArn"])


def forward(group: str) -> list[dict[str, Any]]:
    return [{"Type": "forward", "TargetGroupArn": group}]


def redirect() -> list[dict[str, Any]]:
    return [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}]


@pytest.fixture
def balancer(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """An ALB with `listeners` (protocol, port, actions from the target group) and `attributes` set."""

    def create(
        rule: str,
        listeners: tuple[tuple[str, int, Callable[[str], list[dict[str, Any]]]], ...] = (),
        attributes: dict[str, str] | None = None,
        kind: str = "application",
    ) -> ConfigurationItem:
        elbv2 = aws.client("elbv2")
        arn, group = create_balancer(aws, kind)
        for protocol, port, actions in listeners:
            extra = {"Certificates": [{"CertificateArn": certificate(aws)}]} if protocol == "HTTPS" else {}
            elbv2.create_listener(
                LoadBalancerArn=arn, Protocol=protocol, Port=port, DefaultActions=actions(group), **extra
            )
        if attributes:
            elbv2.modify_load_balancer_attributes(
                LoadBalancerArn=arn, Attributes=[{"Key": k, "Value": v} for k, v in attributes.items()]
            )
        return moto_item(LOAD_BALANCER_V2, arn, rule)

    return create


@pytest.fixture
def classic(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    def create(rule: str, access_log: dict[str, Any] | None = None) -> ConfigurationItem:
        elb = aws.client("elb")
        elb.create_load_balancer(
            LoadBalancerName="legacy",
            Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 8080}],
            AvailabilityZones=["us-east-1a"],
        )
        if access_log:
            elb.modify_load_balancer_attributes(
                LoadBalancerName="legacy", LoadBalancerAttributes={"AccessLog": access_log}
            )
        return moto_item(CLASSIC, "legacy", rule)

    return create


IAM_CERTIFICATE = "arn:aws:iam::123456789012:server-certificate/legacy"


@pytest.fixture
def classic_balancer(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """A Classic Load Balancer with `listeners` ((protocol, port, certificate ARN or None)), in `zones`, with
    `attributes` (ModifyLoadBalancerAttributes) and an SSL `policy` (a predefined policy name) on its secure
    listeners; `listeners=()` leaves it with none."""
    counter = iter(range(100))

    def create(
        rule: str,
        listeners: tuple[tuple[str, int, str | None], ...] = (("HTTP", 80, None),),
        zones: tuple[str, ...] = ("us-east-1a", "us-east-1b"),
        attributes: dict[str, Any] | None = None,
        policy: str | None = None,
    ) -> ConfigurationItem:
        elb, name = aws.client("elb"), f"legacy-{next(counter)}"
        specs = [
            {"Protocol": protocol, "LoadBalancerPort": port, "InstancePort": 8080}
            | ({"SSLCertificateId": cert} if cert else {})
            for protocol, port, cert in listeners or (("HTTP", 80, None),)
        ]
        elb.create_load_balancer(LoadBalancerName=name, Listeners=specs, AvailabilityZones=list(zones))
        if not listeners:
            elb.delete_load_balancer_listeners(LoadBalancerName=name, LoadBalancerPorts=[80])
        if attributes:
            elb.modify_load_balancer_attributes(LoadBalancerName=name, LoadBalancerAttributes=attributes)
        if policy:
            elb.create_load_balancer_policy(
                LoadBalancerName=name,
                PolicyName="tls-policy",
                PolicyTypeName="SSLNegotiationPolicyType",
                PolicyAttributes=[{"AttributeName": "Reference-Security-Policy", "AttributeValue": policy}],
            )
            for protocol, port, _ in listeners:
                if protocol in ("HTTPS", "SSL"):
                    elb.set_load_balancer_policies_of_listener(
                        LoadBalancerName=name, LoadBalancerPort=port, PolicyNames=["tls-policy"]
                    )
        return moto_item(CLASSIC, name, rule)

    return create


def classic_configuration(*listeners: dict[str, Any], zones: tuple[str, ...] = ("us-east-1a",)) -> dict[str, Any]:
    """An AWS::ElasticLoadBalancing::LoadBalancer configuration with Config's key spellings."""
    return {
        "loadBalancerName": "legacy",
        "dnsname": "legacy-1234.us-east-1.elb.amazonaws.com",
        "scheme": "internet-facing",
        "vpcid": "vpc-0a1b2c3d",
        "availabilityZones": list(zones),
        "listenerDescriptions": [{"listener": li, "policyNames": li.pop("policyNames", [])} for li in listeners],
    }
