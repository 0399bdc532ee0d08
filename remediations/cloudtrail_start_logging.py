from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def rollback(plan: Plan) -> list[ApiCall]:
    return [ApiCall("cloudtrail", "stop_logging", {"Name": plan.resource_arn})]


@remediation(
    id="cloudtrail-start-logging",
    title="Restart a stopped trail",
    fixes=("cloudtrail-logging-enabled",),
    permissions=("cloudtrail:GetTrailStatus", "cloudtrail:StartLogging", "cloudtrail:StopLogging"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls StartLogging on the trail; its configuration is untouched."""
    before = {"isLogging": bool((item.supplementary.get("TrailStatus") or {}).get("isLogging"))}
    if before["isLogging"]:
        return Change((), before, before)
    return Change((ApiCall("cloudtrail", "start_logging", {"Name": item.arn}),), before, {"isLogging": True})
