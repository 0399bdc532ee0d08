from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.dynamodb.pitr_enabled import pitr_status

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _set_pitr(table: str, enabled: bool) -> ApiCall:
    spec = {"PointInTimeRecoveryEnabled": enabled}
    return ApiCall(
        "dynamodb", "update_continuous_backups", {"TableName": table, "PointInTimeRecoverySpecification": spec}
    )


def rollback(plan: Plan) -> list[ApiCall]:
    return [_set_pitr(plan.resource_id, plan.before["pointInTimeRecoveryStatus"] == "ENABLED")]


@remediation(
    id="dynamodb-enable-pitr",
    title="Enable point-in-time recovery on the table",
    fixes=("dynamodb-pitr-enabled",),
    permissions=("dynamodb:DescribeContinuousBackups", "dynamodb:UpdateContinuousBackups"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls UpdateContinuousBackups with PointInTimeRecoveryEnabled=true (the default 35-day window); the
    table, its capacity and its data are untouched. Rolling back discards the recovery window."""
    before = {"pointInTimeRecoveryStatus": pitr_status(item)}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    return Change((_set_pitr(item.resource_id, True),), before, {"pointInTimeRecoveryStatus": "ENABLED"})
