from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import CLUSTER_EVENTS

from warden.collectors.rds import DB_CLUSTER
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="rds-cluster-deletion-protection-enabled",
    title="RDS DB clusters have deletion protection enabled",
    resource_types=(DB_CLUSTER,),
    severity=Severity.MEDIUM,
    controls=("RDS.7",),
    remediation="rds-enable-deletion-protection",
    cloudtrail=CLUSTER_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `deletionProtection` is true; NON_COMPLIANT otherwise."""
    if item.configuration.get("deletionProtection"):
        return compliant("DB cluster has deletion protection.")
    return non_compliant("DB cluster can be deleted by a single call; enable deletion protection.")
