from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _set_protection(table: str, enabled: bool) -> ApiCall:
    return ApiCall("dynamodb", "update_table", {"TableName": table, "DeletionProtectionEnabled": enabled})


def rollback(plan: Plan) -> list[ApiCall]:
    return [_set_protection(plan.resource_id, bool(plan.before["deletionProtectionEnabled"]))]


@remediation(
    id="dynamodb-enable-deletion-protection",
    title="Enable deletion protection on the table",
    fixes=("dynamodb-table-deletion-protection-enabled",),
    permissions=("dynamodb:DescribeTable", "dynamodb:UpdateTable"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls UpdateTable with DeletionProtectionEnabled=true only, so capacity, indexes and streams stay as
    they are (a pipeline that deletes the table on purpose must then turn protection off first)."""
    before = {"deletionProtectionEnabled": item.configuration.get("deletionProtectionEnabled") is True}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    return Change((_set_protection(item.resource_id, True),), before, {"deletionProtectionEnabled": True})
