from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elasticache._triggers import GROUP_EVENTS

from warden.collectors.elasticache import REPLICATION_GROUP
from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="elasticache-repl-grp-auto-failover-enabled",
    title="ElastiCache replication groups fail over automatically",
    resource_types=(REPLICATION_GROUP,),
    severity=Severity.MEDIUM,
    controls=("ElastiCache.3",),
    trigger=Trigger.PERIODIC,
    remediation="notify-only",
    cloudtrail=GROUP_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `automaticFailover` is `enabled`; NON_COMPLIANT when it is disabled (or still
    enabling or disabling)."""
    state = item.configuration.get("automaticFailover") or "disabled"
    if state == "enabled":
        return compliant("Automatic failover is enabled.")
    return non_compliant(f"Automatic failover is {state}; add a replica and enable it.")
