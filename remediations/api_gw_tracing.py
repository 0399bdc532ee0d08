from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._apigateway import replace, stage_patch

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def rollback(plan: Plan) -> list[ApiCall]:
    return [stage_patch(plan.resource_id, [replace("/tracingEnabled", bool(plan.before["tracingEnabled"]))])]


@remediation(
    id="api-gw-enable-tracing",
    title="Enable X-Ray tracing on the stage",
    fixes=("api-gw-xray-enabled",),
    permissions=("apigateway:GET", "apigateway:PATCH"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Sets `tracingEnabled` to true; nothing else on the stage changes."""
    before = {"tracingEnabled": bool(item.configuration.get("tracingEnabled"))}
    if before["tracingEnabled"]:
        return Change((), before, before)
    return Change(
        (stage_patch(item.resource_id, [replace("/tracingEnabled", True)]),), before, {"tracingEnabled": True}
    )
