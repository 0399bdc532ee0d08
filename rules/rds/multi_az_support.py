from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import instance_events

from warden.collectors.rds import DB_INSTANCE
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="rds-multi-az-support",
    title="RDS DB instances are deployed in multiple Availability Zones",
    resource_types=(DB_INSTANCE,),
    severity=Severity.MEDIUM,
    controls=("RDS.5",),
    remediation="notify-only",
    cloudtrail=instance_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `multiAZ` is true; NON_COMPLIANT when the instance runs in one Availability Zone;
    NOT_APPLICABLE to instances that belong to a DB cluster (the cluster provides availability)."""
    if item.configuration.get("dBClusterIdentifier"):
        return not_applicable("Instance belongs to a DB cluster; RDS.15 evaluates the cluster.")
    if item.configuration.get("multiAZ"):
        return compliant("DB instance is a Multi-AZ deployment.")
    return non_compliant("DB instance runs in a single Availability Zone; convert it to a Multi-AZ deployment.")
