from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elasticache._triggers import CLUSTER_EVENTS

from warden.collectors.elasticache import CACHE_CLUSTER
from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="elasticache-subnet-group-check",
    title="ElastiCache clusters do not use the default subnet group",
    resource_types=(CACHE_CLUSTER,),
    severity=Severity.HIGH,
    controls=("ElastiCache.7",),
    trigger=Trigger.PERIODIC,
    remediation="notify-only",
    cloudtrail=CLUSTER_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `cacheSubnetGroupName` names a custom subnet group; NON_COMPLIANT when it is `default`
    or absent (ElastiCache then places the cluster in the default VPC's subnets)."""
    group = item.configuration.get("cacheSubnetGroupName")
    if group and group != "default":
        return compliant(f"Cluster runs in subnet group {group}.")
    return non_compliant("Cluster uses the default subnet group; re-create it in a custom subnet group.")
