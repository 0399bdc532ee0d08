from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elasticache._triggers import CLUSTER_EVENTS, GROUP_EVENTS

from warden.collectors.elasticache import CACHE_CLUSTER, REPLICATION_GROUP
from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "snapshotRetentionPeriod": {
            "type": "integer",
            "minimum": 1,
            "maximum": 35,
            "default": 1,
            "description": "Minimum automatic snapshot retention, in days.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="elasticache-redis-cluster-automatic-backup-check",
    title="ElastiCache (Redis OSS, Valkey) clusters and replication groups keep automatic backups",
    resource_types=(CACHE_CLUSTER, REPLICATION_GROUP),
    severity=Severity.HIGH,
    controls=("ElastiCache.1",),
    trigger=Trigger.PERIODIC,
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=CLUSTER_EVENTS + GROUP_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `snapshotRetentionLimit` is at least `snapshotRetentionPeriod` days; NON_COMPLIANT when
    it is lower (0 means no automatic backups); NOT_APPLICABLE to Memcached clusters, which have no backups,
    and to clusters inside a replication group (the group is evaluated)."""
    config = item.configuration
    if item.resource_type == CACHE_CLUSTER and config.get("engine") == "memcached":
        return not_applicable("Memcached clusters have no backups.")
    if item.resource_type == CACHE_CLUSTER and config.get("replicationGroupId"):
        return not_applicable(f"Cluster belongs to replication group {config['replicationGroupId']}, evaluated itself.")
    retention = int(config.get("snapshotRetentionLimit") or 0)
    minimum = params["snapshotRetentionPeriod"]
    if retention < minimum:
        return non_compliant(f"Automatic backups are kept {retention} days, fewer than {minimum}.")
    return compliant(f"Automatic backups are kept {retention} days.")
