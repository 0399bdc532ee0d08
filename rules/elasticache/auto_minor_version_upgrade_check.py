from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elasticache._triggers import CLUSTER_EVENTS

from warden.collectors.elasticache import CACHE_CLUSTER
from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="elasticache-auto-minor-version-upgrade-check",
    title="ElastiCache clusters apply minor engine upgrades automatically",
    resource_types=(CACHE_CLUSTER,),
    severity=Severity.HIGH,
    controls=("ElastiCache.2",),
    trigger=Trigger.PERIODIC,
    remediation="notify-only",
    cloudtrail=CLUSTER_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `autoMinorVersionUpgrade` is true; NON_COMPLIANT otherwise; NOT_APPLICABLE to
    Memcached clusters."""
    if item.configuration.get("engine") == "memcached":
        return not_applicable("ElastiCache.2 does not apply to Memcached clusters.")
    if item.configuration.get("autoMinorVersionUpgrade"):
        return compliant("Minor engine upgrades are applied automatically.")
    return non_compliant("Automatic minor version upgrade is off; turn it on.")
