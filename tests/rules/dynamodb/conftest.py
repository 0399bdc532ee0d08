from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

TABLE = "AWS::DynamoDB::Table"
DAX_CLUSTER = "AWS::DAX::Cluster"
KEY = {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}


@pytest.fixture
def table(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a table in moto (`setup(dynamodb, name)` configures it further) and read it back for `rule`."""

    def create(
        rule: str, name: str = "orders", setup: Callable[..., object] | None = None, **settings: Any
    ) -> ConfigurationItem:
        dynamodb = aws.client("dynamodb")
        defaults: dict[str, Any] = {
            **KEY,
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
            "BillingMode": "PAY_PER_REQUEST",
        }
        dynamodb.create_table(TableName=name, **{**defaults, **settings})
        if setup:
            setup(dynamodb, name)
        return moto_item(TABLE, name, rule)

    return create


@pytest.fixture
def dax_cluster(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    def create(rule: str, name: str = "orders-cache", **settings: Any) -> ConfigurationItem:
        aws.client("dax").create_cluster(
            ClusterName=name,
            NodeType="dax.t3.small",
            ReplicationFactor=1,
            IamRoleArn="arn:aws:iam::123456789012:role/dax",
            **settings,
        )
        return moto_item(DAX_CLUSTER, name, rule)

    return create
