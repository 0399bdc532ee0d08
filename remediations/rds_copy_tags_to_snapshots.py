from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._rds import enable_setting, restore_setting

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def rollback(plan: Plan) -> list[ApiCall]:
    return restore_setting(plan, "CopyTagsToSnapshot", "copyTagsToSnapshot")


@remediation(
    id="rds-copy-tags-to-snapshots",
    title="Make the DB instance or cluster copy its tags to its snapshots",
    fixes=("rds-instance-copy-tags-to-snapshots-enabled", "rds-cluster-copy-tags-to-snapshots-enabled"),
    permissions=("rds:DescribeDBInstances", "rds:DescribeDBClusters", "rds:ModifyDBInstance", "rds:ModifyDBCluster"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls ModifyDBInstance (or ModifyDBCluster) with CopyTagsToSnapshot=true only; applies at once, no
    outage, and affects only snapshots taken afterwards."""
    return enable_setting(item, "CopyTagsToSnapshot", "copyTagsToSnapshot")
