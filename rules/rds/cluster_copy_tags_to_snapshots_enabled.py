from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import CLUSTER_EVENTS

from warden.collectors.rds import DB_CLUSTER
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="rds-cluster-copy-tags-to-snapshots-enabled",
    title="RDS DB clusters copy their tags to snapshots",
    resource_types=(DB_CLUSTER,),
    severity=Severity.LOW,
    controls=("RDS.16",),
    remediation="rds-copy-tags-to-snapshots",
    cloudtrail=CLUSTER_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `copyTagsToSnapshot` is true; NON_COMPLIANT otherwise; other types are NOT_APPLICABLE.
    (AWS Config has no managed rule for this: the id is Security Hub's own custom rule.)"""
    if item.configuration.get("copyTagsToSnapshot"):
        return compliant("Snapshots inherit the cluster's tags.")
    return non_compliant("Snapshots do not inherit the cluster's tags; enable copy tags to snapshots.")
