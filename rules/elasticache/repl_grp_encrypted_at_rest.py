from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elasticache._triggers import GROUP_EVENTS

from warden.collectors.elasticache import REPLICATION_GROUP
from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="elasticache-repl-grp-encrypted-at-rest",
    title="ElastiCache replication groups are encrypted at rest",
    resource_types=(REPLICATION_GROUP,),
    severity=Severity.MEDIUM,
    controls=("ElastiCache.4",),
    trigger=Trigger.PERIODIC,
    remediation="notify-only",
    cloudtrail=GROUP_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `atRestEncryptionEnabled` is true; NON_COMPLIANT otherwise."""
    if item.configuration.get("atRestEncryptionEnabled"):
        return compliant("Replication group is encrypted at rest.")
    return non_compliant("Replication group is not encrypted at rest; restore a backup into an encrypted group.")
