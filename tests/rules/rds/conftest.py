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
