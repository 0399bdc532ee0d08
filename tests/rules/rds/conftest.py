from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

DB_INSTANCE = "AWS::RDS::DBInstance"


@pytest.fixture
def db_instance(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a DB instance in moto with `settings` (CreateDBInstance parameters) and read it back for `rule`."""
    counter = iter(range(1000))

    def create(rule: str, **settings: Any) -> ConfigurationItem:
        name = f"orders-{next(counter)}"
        aws.client("rds").create_db_instance(
            DBInstanceIdentifier=name,
            DBInstanceClass="db.t3.micro",
            MasterUsername="orders",
            MasterUserPassword="not-a-real-password",
            AllocatedStorage=20,
            **{"Engine": "postgres", **settings},
        )
        return moto_item(DB_INSTANCE, name, rule)

    return create


def instance_configuration(**overrides: Any) -> dict[str, Any]:
    """An AWS::RDS::DBInstance configuration as Config records it (key spelling from the Config schema)."""
    return {
        "dBInstanceIdentifier": "orders",
        "dBInstanceStatus": "available",
        "engine": "mysql",
        "dbiResourceId": "db-ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "endpoint": {"address": "orders.abc.us-east-1.rds.amazonaws.com", "port": 3306},
        "publiclyAccessible": False,
        "storageEncrypted": True,
        "multiAZ": True,
        "monitoringInterval": 60,
        "deletionProtection": True,
        "enabledCloudwatchLogsExports": ["audit", "error", "general", "slowquery"],
        "iAMDatabaseAuthenticationEnabled": True,
        "backupRetentionPeriod": 7,
        "autoMinorVersionUpgrade": True,
        "copyTagsToSnapshot": True,
        **overrides,
    }


DB_CLUSTER = "AWS::RDS::DBCluster"
EVENT_SUBSCRIPTION = "AWS::RDS::EventSubscription"
RDK_CLUSTER = "config-items/rdk_AWS_RDS_DBCluster.json"


@pytest.fixture
def db_cluster(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a DB cluster in moto with `settings` (CreateDBCluster parameters) and read it back for `rule`."""
    counter = iter(range(1000))

    def create(rule: str, **settings: Any) -> ConfigurationItem:
        name = f"orders-cluster-{next(counter)}"
        aws.client("rds").create_db_cluster(
            DBClusterIdentifier=name,
            MasterUserPassword="not-a-real-password",
            **{"Engine": "aurora-postgresql", "MasterUsername": "orders", **settings},
        )
        return moto_item(DB_CLUSTER, name, rule)

    return create


@pytest.fixture
def event_subscription(
    aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]
) -> Callable[..., ConfigurationItem]:
    """Create an RDS event subscription to an SNS topic with `settings` (CreateEventSubscription parameters)."""
    counter = iter(range(1000))

    def create(rule: str, **settings: Any) -> ConfigurationItem:
        name = f"ops-{next(counter)}"
        topic = aws.client("sns").create_topic(Name="rds-events")["TopicArn"]
        aws.client("rds").create_event_subscription(
            SubscriptionName=name, SnsTopicArn=topic, **{"Enabled": True, **settings}
        )
        return moto_item(EVENT_SUBSCRIPTION, name, rule)

    return create


def subscription_configuration(**overrides: Any) -> dict[str, Any]:
    """An AWS::RDS::EventSubscription configuration as Config records it (keys from the Config schema)."""
    return {
        "custSubscriptionId": "ops",
        "customerAwsId": "123456789012",
        "snsTopicArn": "arn:aws:sns:us-east-1:123456789012:rds-events",
        "status": "active",
        "subscriptionCreationTime": "2024-05-02 09:12:44.321",
        "sourceIdsList": [],
        "eventCategoriesList": [],
        "enabled": True,
        "eventSubscriptionArn": "arn:aws:rds:us-east-1:123456789012:es:ops",
        **overrides,
    }
