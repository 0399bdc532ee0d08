"""CloudTrail events that change ElastiCache clusters and replication groups, shared by the ElastiCache rules."""

from __future__ import annotations

from warden.collectors.elasticache import CACHE_CLUSTER, REPLICATION_GROUP
from warden.registry import CloudTrailTrigger

SOURCE = "elasticache.amazonaws.com"
CLUSTER_EVENTS = (
    CloudTrailTrigger(
        SOURCE, ("CreateCacheCluster", "ModifyCacheCluster"), CACHE_CLUSTER, "{requestParameters.cacheClusterId}"
    ),
)
GROUP_EVENTS = (
    CloudTrailTrigger(
        SOURCE,
        ("CreateReplicationGroup", "ModifyReplicationGroup"),
        REPLICATION_GROUP,
        "{requestParameters.replicationGroupId}",
    ),
)
