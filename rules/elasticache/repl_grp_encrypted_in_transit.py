from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elasticache._triggers import GROUP_EVENTS

from warden.collectors.elasticache import REPLICATION_GROUP
from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="elasticache-repl-grp-encrypted-in-transit",
    title="ElastiCache replication groups encrypt traffic in transit",
    resource_types=(REPLICATION_GROUP,),
    severity=Severity.MEDIUM,
    controls=("ElastiCache.5",),
    trigger=Trigger.PERIODIC,
    remediation="notify-only",
    cloudtrail=GROUP_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `transitEncryptionEnabled` is true; NON_COMPLIANT otherwise."""
    if item.configuration.get("transitEncryptionEnabled"):
        return compliant("Replication group encrypts traffic in transit.")
    return non_compliant("Replication group does not encrypt traffic in transit; enable TLS and move clients to it.")
