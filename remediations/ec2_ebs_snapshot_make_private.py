from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem, as_list
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _permission(snapshot_id: str, operation: str) -> ApiCall:
    """Add or remove the `all` group from a snapshot's create-volume permission."""
    return ApiCall(
        "ec2",
        "modify_snapshot_attribute",
        {
            "SnapshotId": snapshot_id,
            "Attribute": "createVolumePermission",
            "OperationType": operation,
            "GroupNames": ["all"],
        },
    )


def rollback(plan: Plan) -> list[ApiCall]:
    return [_permission(snapshot, "add") for snapshot in plan.before["publicSnapshots"]]


@remediation(
    id="ec2-ebs-snapshot-make-private",
    title="Stop sharing the account's EBS snapshots with every AWS account",
    fixes=("ebs-snapshot-public-restorable-check",),
    permissions=("ec2:DescribeSnapshots", "ec2:ModifySnapshotAttribute"),
    reversible=True,
    risk=Risk.HIGH,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Removes the `all` group from the create-volume permission of each public snapshot in the region;
    accounts a snapshot is shared with by id keep access. High risk: whoever restores a snapshot that was
    published on purpose loses it."""
    public = sorted(str(s) for s in as_list(item.supplementary.get("PublicEbsSnapshots")))
    before = {"publicSnapshots": public}
    return Change(tuple(_permission(s, "remove") for s in public), before, {"publicSnapshots": []})
