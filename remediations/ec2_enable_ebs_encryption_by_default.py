from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def rollback(plan: Plan) -> list[ApiCall]:
    if plan.before["ebsEncryptionByDefault"]:
        return []
    return [ApiCall("ec2", "disable_ebs_encryption_by_default", {})]


@remediation(
    id="ec2-enable-ebs-encryption-by-default",
    title="Turn on EBS encryption by default in the region",
    fixes=("ec2-ebs-encryption-by-default",),
    permissions=(
        "ec2:GetEbsEncryptionByDefault",
        "ec2:EnableEbsEncryptionByDefault",
        "ec2:DisableEbsEncryptionByDefault",
    ),
    reversible=True,
    risk=Risk.HIGH,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls EnableEbsEncryptionByDefault: new volumes and snapshot copies are encrypted with the default
    EBS key; existing volumes do not change. High risk: instance types without encryption support stop
    launching, and snapshots encrypted with the AWS managed key cannot be shared with other accounts."""
    before = {"ebsEncryptionByDefault": bool(item.supplementary.get("EbsEncryptionByDefault"))}
    if before["ebsEncryptionByDefault"]:
        return Change((), before, before)
    return Change((ApiCall("ec2", "enable_ebs_encryption_by_default", {}),), before, {"ebsEncryptionByDefault": True})
