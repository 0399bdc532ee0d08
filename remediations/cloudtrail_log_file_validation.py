from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _update(trail_arn: str, enabled: bool) -> ApiCall:
    return ApiCall("cloudtrail", "update_trail", {"Name": trail_arn, "EnableLogFileValidation": enabled})


def rollback(plan: Plan) -> list[ApiCall]:
    return [_update(plan.resource_arn, bool(plan.before["logFileValidationEnabled"]))]


@remediation(
    id="cloudtrail-enable-log-file-validation",
    title="Enable log file integrity validation on the trail",
    fixes=("cloud-trail-log-file-validation-enabled",),
    permissions=("cloudtrail:DescribeTrails", "cloudtrail:UpdateTrail"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls UpdateTrail with EnableLogFileValidation only, so no other trail setting changes."""
    before = {"logFileValidationEnabled": bool(item.configuration.get("logFileValidationEnabled"))}
    if before["logFileValidationEnabled"]:
        return Change((), before, before)
    return Change((_update(item.arn, True),), before, {"logFileValidationEnabled": True})
