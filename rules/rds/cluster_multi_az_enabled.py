from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import CLUSTER_MEMBER_EVENTS

from warden.collectors.rds import DB_CLUSTER
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="rds-cluster-multi-az-enabled",
    title="RDS DB clusters are deployed in multiple Availability Zones",
    resource_types=(DB_CLUSTER,),
    severity=Severity.MEDIUM,
    controls=("RDS.15",),
    remediation="notify-only",
    cloudtrail=CLUSTER_MEMBER_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the cluster's `multiAZ` is true (its instances span Availability Zones); NON_COMPLIANT
    otherwise. Other resource types are NOT_APPLICABLE."""
    if item.configuration.get("multiAZ"):
        return compliant("The DB cluster is Multi-AZ.")
    return non_compliant("The DB cluster's instances run in one Availability Zone; add a reader in another zone.")
