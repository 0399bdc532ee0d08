"""Lambda functions, shaped as AWS Config records them: the resource id is the function name, the
configuration is the function configuration in camelCase, and the resource policy is supplementary."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import (
    Attribute,
    Collector,
    Patch,
    absent_on,
    camelize,
    not_found_is_none,
    supplementary,
)
from warden.model import ConfigurationItem

FUNCTION = "AWS::Lambda::Function"


def _function_item(region: str, account_id: str, function: dict[str, Any]) -> ConfigurationItem:
    return ConfigurationItem(
        resource_type=FUNCTION,
        resource_id=function["FunctionName"],
        arn=function["FunctionArn"],
        region=region,
        account_id=account_id,
        configuration=camelize(function),
        resource_name=function["FunctionName"],
    )


def list_functions(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    paginator = clients.client("lambda", region).get_paginator("list_functions")
    for page in paginator.paginate():
        for function in page.get("Functions", []):
            yield _function_item(region, account_id, function)


@not_found_is_none({"ResourceNotFoundException"})
def get_function(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the function name or ARN, as CloudTrail requests name it."""
    function = clients.client("lambda", region).get_function_configuration(FunctionName=resource_id)
    return _function_item(region, account_id, function)


@absent_on({"ResourceNotFoundException"}, default=supplementary(Policy=None))
def fetch_policy(clients: Clients, item: ConfigurationItem) -> Patch:
    return supplementary(
        Policy=clients.client("lambda", item.region).get_policy(FunctionName=item.resource_id)["Policy"]
    )


def fetch_subnet_zones(clients: Clients, item: ConfigurationItem) -> Patch:
    """The Availability Zone of each subnet the function runs in (Config does not record them)."""
    subnets = (item.configuration.get("vpcConfig") or {}).get("subnetIds") or []
    if not subnets:
        return supplementary(SubnetAvailabilityZones={})
    described = clients.client("ec2", item.region).describe_subnets(SubnetIds=list(subnets))["Subnets"]
    return supplementary(SubnetAvailabilityZones={s["SubnetId"]: s["AvailabilityZone"] for s in described})


COLLECTORS = (
    Collector(
        FUNCTION,
        "lambda:ListFunctions",
        list_functions,
        get_function,
        {
            "Policy": Attribute("Policy", "lambda:GetPolicy", fetch_policy),
            "SubnetAvailabilityZones": Attribute("SubnetAvailabilityZones", "ec2:DescribeSubnets", fetch_subnet_zones),
        },
    ),
)
