from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.collectors.rds import DB_SNAPSHOT
from warden.model import ConfigurationItem, as_list
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _share(resource_type: str, name: str, change: str) -> ApiCall:
    """Add or remove `all` from the snapshot's restore attribute (`change` is ValuesToAdd or ValuesToRemove)."""
    if resource_type == DB_SNAPSHOT:
        operation, id_param = "modify_db_snapshot_attribute", "DBSnapshotIdentifier"
    else:
        operation, id_param = "modify_db_cluster_snapshot_attribute", "DBClusterSnapshotIdentifier"
    return ApiCall("rds", operation, {id_param: name, "AttributeName": "restore", change: ["all"]})


def _restore_values(item: ConfigurationItem) -> list[str]:
    key = "DBSnapshotAttributes" if item.resource_type == DB_SNAPSHOT else "DBClusterSnapshotAttributes"
    for attribute in as_list(item.supplementary.get(key)):
        if attribute.get("attributeName") == "restore":
            return sorted(str(v) for v in as_list(attribute.get("attributeValues")))
    return []


def rollback(plan: Plan) -> list[ApiCall]:
    if "all" not in plan.before["restore"]:
        return []
    return [_share(plan.resource_type, plan.resource_id, "ValuesToAdd")]


@remediation(
    id="rds-snapshot-make-private",
    title="Stop sharing the RDS snapshot with every AWS account",
    fixes=("rds-snapshots-public-prohibited",),
    permissions=(
        "rds:DescribeDBSnapshots",
        "rds:DescribeDBSnapshotAttributes",
        "rds:ModifyDBSnapshotAttribute",
        "rds:DescribeDBClusterSnapshots",
        "rds:DescribeDBClusterSnapshotAttributes",
        "rds:ModifyDBClusterSnapshotAttribute",
    ),
    reversible=True,
    risk=Risk.HIGH,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Removes `all` from the snapshot's restore attribute; accounts it is shared with by id keep access.
    High risk: an account that restores the public snapshot on purpose loses it."""
    current = _restore_values(item)
    before = {"restore": current}
    if "all" not in current:
        return Change((), before, before)
    after = {"restore": [v for v in current if v != "all"]}
    return Change((_share(item.resource_type, item.resource_id, "ValuesToRemove"),), before, after)
