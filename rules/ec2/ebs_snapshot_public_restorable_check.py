from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import account_events

from warden.model import (
    ACCOUNT_RESOURCE_TYPE,
    ConfigurationItem,
    Severity,
    Trigger,
    Verdict,
    as_list,
    compliant,
    non_compliant,
)
from warden.registry import rule


@rule(
    id="ebs-snapshot-public-restorable-check",
    title="EBS snapshots are not publicly restorable",
    resource_types=(ACCOUNT_RESOURCE_TYPE,),
    severity=Severity.CRITICAL,
    controls=("EC2.1",),
    trigger=Trigger.PERIODIC,
    remediation="ec2-ebs-snapshot-make-private",
    attributes=("PublicEbsSnapshots",),
    cloudtrail=account_events("ModifySnapshotAttribute"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when none of the account's EBS snapshots in the region can be restored by all AWS accounts;
    NON_COMPLIANT otherwise, naming them. (An account-level check, as in Security Hub.)"""
    public = as_list(item.supplementary.get("PublicEbsSnapshots"))
    if public:
        shown = ", ".join(public[:5]) + (f" and {len(public) - 5} more" if len(public) > 5 else "")
        return non_compliant(f"{len(public)} EBS snapshot(s) are restorable by every AWS account: {shown}.")
    return compliant("No EBS snapshot is publicly restorable.")
