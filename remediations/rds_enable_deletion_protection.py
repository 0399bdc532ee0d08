from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._rds import enable_setting, restore_setting

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def rollback(plan: Plan) -> list[ApiCall]:
    return restore_setting(plan, "DeletionProtection", "deletionProtection")


@remediation(
    id="rds-enable-deletion-protection",
    title="Enable deletion protection on the DB instance or cluster",
    fixes=("rds-instance-deletion-protection-enabled", "rds-cluster-deletion-protection-enabled"),
    permissions=("rds:DescribeDBInstances", "rds:DescribeDBClusters", "rds:ModifyDBInstance", "rds:ModifyDBCluster"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls ModifyDBInstance (or ModifyDBCluster) with DeletionProtection=true only: no restart, no other
    setting changes. Deleting the database afterwards needs the flag turned off first."""
    return enable_setting(item, "DeletionProtection", "deletionProtection")
