"""Load balancers, shaped as AWS Config records them: ALB/NLB/GWLB (elbv2, id = ARN) and Classic (id = name)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from warden.aws import Clients
from warden.collectors.base import Attribute, Collector, Patch, camelize, not_found_is_none, supplementary, tags
from warden.model import ConfigurationItem

LOAD_BALANCER_V2 = "AWS::ElasticLoadBalancingV2::LoadBalancer"
CLASSIC_LOAD_BALANCER = "AWS::ElasticLoadBalancing::LoadBalancer"


def _v2_item(region: str, account_id: str, balancer: Mapping[str, Any]) -> ConfigurationItem:
    return ConfigurationItem(
        resource_type=LOAD_BALANCER_V2,
        resource_id=balancer["LoadBalancerArn"],
        arn=balancer["LoadBalancerArn"],
        region=region,
        account_id=account_id,
        configuration=camelize(balancer),
        resource_name=balancer["LoadBalancerName"],
    )


def list_v2(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    paginator = clients.client("elbv2", region).get_paginator("describe_load_balancers")
    for page in paginator.paginate(PaginationConfig={"PageSize": 400}):
        for balancer in page.get("LoadBalancers", []):
            yield _v2_item(region, account_id, balancer)


@not_found_is_none({"LoadBalancerNotFound", "ListenerNotFound"})
def get_v2(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the load balancer ARN, as Config records it, or one of its listeners' ARNs (listener
    events such as ModifyListener name only the listener)."""
    elbv2 = clients.client("elbv2", region)
    if ":listener/" in resource_id:
        resource_id = elbv2.describe_listeners(ListenerArns=[resource_id])["Listeners"][0]["LoadBalancerArn"]
    found = elbv2.describe_load_balancers(LoadBalancerArns=[resource_id])
    return _v2_item(region, account_id, found["LoadBalancers"][0])


def fetch_v2_attributes(clients: Clients, item: ConfigurationItem) -> Patch:
    described = clients.client("elbv2", item.region).describe_load_balancer_attributes(LoadBalancerArn=item.arn)
    return supplementary(
        LoadBalancerAttributes=[{"key": a["Key"], "value": a["Value"]} for a in described["Attributes"]]
    )


def fetch_listeners(clients: Clients, item: ConfigurationItem) -> Patch:
    """Config records listeners as resources of their own; the load balancer rules read them here."""
    paginator = clients.client("elbv2", item.region).get_paginator("describe_listeners")
    listeners = [
        camelize(listener) for page in paginator.paginate(LoadBalancerArn=item.arn) for listener in page["Listeners"]
    ]
    return supplementary(Listeners=listeners)


def fetch_v2_tags(clients: Clients, item: ConfigurationItem) -> Patch:
    described = clients.client("elbv2", item.region).describe_tags(ResourceArns=[item.arn])["TagDescriptions"]
    return tags({t["Key"]: t["Value"] for d in described for t in d.get("Tags", [])})


# Config lower-cases the leading acronym of these Classic Load Balancer keys where camelize keeps it.
_CLASSIC_CONFIG_KEYS = {"sSLCertificateId": "sslcertificateId", "dNSName": "dnsname", "vPCId": "vpcid"}


def _classic_config_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {_CLASSIC_CONFIG_KEYS.get(k, k): _classic_config_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_classic_config_keys(v) for v in value]
    return value


def _classic_item(region: str, account_id: str, balancer: Mapping[str, Any]) -> ConfigurationItem:
    name = balancer["LoadBalancerName"]
    return ConfigurationItem(
        resource_type=CLASSIC_LOAD_BALANCER,
        resource_id=name,
        arn=f"arn:aws:elasticloadbalancing:{region}:{account_id}:loadbalancer/{name}",
        region=region,
        account_id=account_id,
        configuration=_classic_config_keys(camelize(balancer)),
        resource_name=name,
    )


def list_classic(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    paginator = clients.client("elb", region).get_paginator("describe_load_balancers")
    for page in paginator.paginate(PaginationConfig={"PageSize": 400}):
        for balancer in page.get("LoadBalancerDescriptions", []):
            yield _classic_item(region, account_id, balancer)


@not_found_is_none({"LoadBalancerNotFound"})
def get_classic(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    found = clients.client("elb", region).describe_load_balancers(LoadBalancerNames=[resource_id])
    return _classic_item(region, account_id, found["LoadBalancerDescriptions"][0])


def fetch_classic_attributes(clients: Clients, item: ConfigurationItem) -> Patch:
    described = clients.client("elb", item.region).describe_load_balancer_attributes(LoadBalancerName=item.resource_id)
    return supplementary(LoadBalancerAttributes=camelize(described["LoadBalancerAttributes"]))


def fetch_classic_policies(clients: Clients, item: ConfigurationItem) -> Patch:
    """The load balancer's own policies (SSL negotiation among them), as Config's LoadBalancerPolicies."""
    elb = clients.client("elb", item.region)
    described = elb.describe_load_balancer_policies(LoadBalancerName=item.resource_id)["PolicyDescriptions"]
    return supplementary(LoadBalancerPolicies=camelize(described))


COLLECTORS = (
    Collector(
        LOAD_BALANCER_V2,
        "elasticloadbalancing:DescribeLoadBalancers",
        list_v2,
        get_v2,
        {
            "LoadBalancerAttributes": Attribute(
                "LoadBalancerAttributes", "elasticloadbalancing:DescribeLoadBalancerAttributes", fetch_v2_attributes
            ),
            "Listeners": Attribute("Listeners", "elasticloadbalancing:DescribeListeners", fetch_listeners),
            "Tags": Attribute("Tags", "elasticloadbalancing:DescribeTags", fetch_v2_tags, recorded_at=("tags", "")),
        },
    ),
    Collector(
        CLASSIC_LOAD_BALANCER,
        "elasticloadbalancing:DescribeLoadBalancers",
        list_classic,
        get_classic,
        {
            "LoadBalancerAttributes": Attribute(
                "LoadBalancerAttributes",
                "elasticloadbalancing:DescribeLoadBalancerAttributes",
                fetch_classic_attributes,
            ),
            "LoadBalancerPolicies": Attribute(
                "LoadBalancerPolicies", "elasticloadbalancing:DescribeLoadBalancerPolicies", fetch_classic_policies
            ),
        },
    ),
)
