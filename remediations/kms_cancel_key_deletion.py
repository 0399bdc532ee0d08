from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation

# KMS counts a deletion window from the call that schedules it, so a rollback cannot restore the original
# date; it schedules with the longest window, which leaves the most time to change one's mind again.
ROLLBACK_WINDOW_DAYS = 30


def rollback(plan: Plan) -> list[ApiCall]:
    return [
        ApiCall(
            "kms", "schedule_key_deletion", {"KeyId": plan.resource_id, "PendingWindowInDays": ROLLBACK_WINDOW_DAYS}
        )
    ]


@remediation(
    id="kms-cancel-key-deletion",
    title="Cancel the KMS key's scheduled deletion (approve mode by default)",
    fixes=("kms-cmk-not-scheduled-for-deletion",),
    permissions=("kms:DescribeKey", "kms:CancelKeyDeletion", "kms:ScheduleKeyDeletion"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls CancelKeyDeletion; the key is left Disabled (as KMS leaves it), so nothing can use it until
    someone enables it. Someone scheduled the deletion on purpose, so the default settings run this fix in
    approve mode: a person confirms the key is still needed."""
    before = {"keyState": item.configuration.get("keyState")}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    call = ApiCall("kms", "cancel_key_deletion", {"KeyId": item.resource_id})
    return Change((call,), before, {"keyState": "Disabled"})
