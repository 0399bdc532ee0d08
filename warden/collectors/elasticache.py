"""ElastiCache cache clusters and replication groups, shaped as AWS Config records them (the describe
output with camelCase keys)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import Attribute, Collector, Patch, absent_on, camelize, configuration, not_found_is_none
from warden.model import ConfigurationItem

CACHE_CLUSTER = "AWS::ElastiCache::CacheCluster"
REPLICATION_GROUP = "AWS::ElastiCache::ReplicationGroup"


def _cluster_item(region: str, account_id: str, cluster: dict[str, Any]) -> ConfigurationItem:
    name = cluster["CacheClusterId"]
    return ConfigurationItem(
        resource_type=CACHE_CLUSTER,
        resource_id=name,
        arn=cluster.get("ARN") or f"arn:aws:elasticache:{region}:{account_id}:cluster:{name}",
        region=region,
        account_id=account_id,
        configuration=camelize(cluster),
        resource_name=name,
    )


def list_clusters(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("elasticache", region).get_paginator("describe_cache_clusters").paginate():
        for cluster in page.get("CacheClusters", []):
            yield _cluster_item(region, account_id, cluster)


@not_found_is_none({"CacheClusterNotFound", "CacheClusterNotFoundFault"})
def get_cluster(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    found = clients.client("elasticache", region).describe_cache_clusters(CacheClusterId=resource_id)
    return _cluster_item(region, account_id, found["CacheClusters"][0]) if found["CacheClusters"] else None


def _group_item(region: str, account_id: str, group: dict[str, Any]) -> ConfigurationItem:
    name = group["ReplicationGroupId"]
    return ConfigurationItem(
        resource_type=REPLICATION_GROUP,
        resource_id=name,
        arn=group.get("ARN") or f"arn:aws:elasticache:{region}:{account_id}:replicationgroup:{name}",
        region=region,
        account_id=account_id,
        configuration=camelize(group),
        resource_name=name,
    )


def list_groups(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("elasticache", region).get_paginator("describe_replication_groups").paginate():
        for group in page.get("ReplicationGroups", []):
            yield _group_item(region, account_id, group)


@not_found_is_none({"ReplicationGroupNotFoundFault", "ReplicationGroupNotFound"})
def get_group(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    found = clients.client("elasticache", region).describe_replication_groups(ReplicationGroupId=resource_id)
    return _group_item(region, account_id, found["ReplicationGroups"][0]) if found["ReplicationGroups"] else None


@absent_on({"CacheClusterNotFound", "CacheClusterNotFoundFault"})
def fetch_engine_version(clients: Clients, item: ConfigurationItem) -> Patch:
    """A replication group does not report its engine version; its first member cluster does."""
    members = item.configuration.get("memberClusters") or []
    if not members:
        return {}
    found = clients.client("elasticache", item.region).describe_cache_clusters(CacheClusterId=members[0])
    clusters = found["CacheClusters"]
    return configuration(engineVersion=clusters[0].get("EngineVersion")) if clusters else {}


COLLECTORS = (
    Collector(CACHE_CLUSTER, "elasticache:DescribeCacheClusters", list_clusters, get_cluster),
    Collector(
        REPLICATION_GROUP,
        "elasticache:DescribeReplicationGroups",
        list_groups,
        get_group,
        {
            "EngineVersion": Attribute(
                "EngineVersion",
                "elasticache:DescribeCacheClusters",
                fetch_engine_version,
                recorded_at=("configuration", "engineVersion"),
            )
        },
    ),
)
