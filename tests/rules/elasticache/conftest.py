from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

CACHE_CLUSTER = "AWS::ElastiCache::CacheCluster"
REPLICATION_GROUP = "AWS::ElastiCache::ReplicationGroup"


@pytest.fixture
def cache_cluster(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    counter = iter(range(1000))

    def create(rule: str, **settings: Any) -> ConfigurationItem:
        name = f"sessions-{next(counter)}"
        aws.client("elasticache").create_cache_cluster(
            CacheClusterId=name, CacheNodeType="cache.t3.micro", NumCacheNodes=1, **{"Engine": "redis", **settings}
        )
        return moto_item(CACHE_CLUSTER, name, rule)

    return create


@pytest.fixture
def replication_group(
    aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]
) -> Callable[..., ConfigurationItem]:
    counter = iter(range(1000))

    def create(rule: str, **settings: Any) -> ConfigurationItem:
        name = f"carts-{next(counter)}"
        aws.client("elasticache").create_replication_group(
            ReplicationGroupId=name,
            ReplicationGroupDescription="carts",
            Engine="redis",
            CacheNodeType="cache.t3.micro",
            NumCacheClusters=2,
            **settings,
        )
        return moto_item(REPLICATION_GROUP, name, rule)

    return create


def group_configuration(**overrides: Any) -> dict[str, Any]:
    """An AWS::ElastiCache::ReplicationGroup configuration as Config records it (camelCase describe output)."""
    return {
        "replicationGroupId": "carts",
        "engine": "redis",
        "memberClusters": ["carts-001", "carts-002"],
        "automaticFailover": "enabled",
        "atRestEncryptionEnabled": True,
        "transitEncryptionEnabled": True,
        "authTokenEnabled": True,
        "snapshotRetentionLimit": 1,
        "engineVersion": "7.1.0",
        **overrides,
    }


def cluster_configuration(**overrides: Any) -> dict[str, Any]:
    """An AWS::ElastiCache::CacheCluster configuration as Config records it."""
    return {
        "cacheClusterId": "sessions",
        "engine": "redis",
        "engineVersion": "7.1.0",
        "cacheSubnetGroupName": "private-cache",
        "autoMinorVersionUpgrade": True,
        "snapshotRetentionLimit": 1,
        **overrides,
    }
