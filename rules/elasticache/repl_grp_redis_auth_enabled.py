from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elasticache._triggers import GROUP_EVENTS

from warden.collectors.elasticache import REPLICATION_GROUP
from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


def major_version(version: object) -> int | None:
    head = str(version or "").split(".", 1)[0]
    return int(head) if head.isdigit() else None


@rule(
    id="elasticache-repl-grp-redis-auth-enabled",
    title="ElastiCache (Redis OSS) replication groups before version 6 require Redis AUTH",
    resource_types=(REPLICATION_GROUP,),
    severity=Severity.MEDIUM,
    controls=("ElastiCache.6",),
    trigger=Trigger.PERIODIC,
    remediation="notify-only",
    attributes=("EngineVersion",),
    cloudtrail=GROUP_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `authTokenEnabled` is true; NON_COMPLIANT when a group running Redis OSS before 6.0 (or
    of unknown version) has no AUTH token; NOT_APPLICABLE to Redis OSS 6.0 and later and Valkey, which use
    role-based access control instead."""
    if item.configuration.get("authTokenEnabled"):
        return compliant("Redis AUTH is enabled.")
    version = item.configuration.get("engineVersion")
    major = major_version(version)
    if item.configuration.get("engine") == "valkey" or (major is not None and major >= 6):
        return not_applicable(f"Engine version {version} uses role-based access control; ElastiCache.6 does not apply.")
    return non_compliant(
        f"Redis {version or '(version unknown)'} group has no AUTH token; set one with ModifyReplicationGroup."
    )
