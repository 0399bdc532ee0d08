from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._apigateway import method_path, method_setting_rollback, replace, stage_patch

from warden.collectors.apigateway import V2_STAGE, parse_stage_id
from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation

LEVEL = "ERROR"


def _v2_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    return {key[:1].upper() + key[1:]: value for key, value in settings.items()}


def rollback(plan: Plan) -> list[ApiCall]:
    if plan.resource_type == V2_STAGE:
        _, api_id, stage = parse_stage_id(plan.resource_id)
        settings = _v2_settings(plan.before["defaultRouteSettings"])
        settings.setdefault("LoggingLevel", "OFF")
        return [
            ApiCall(
                "apigatewayv2", "update_stage", {"ApiId": api_id, "StageName": stage, "DefaultRouteSettings": settings}
            )
        ]
    return method_setting_rollback(plan, "logging/loglevel", "OFF")


@remediation(
    id="api-gw-enable-execution-logging",
    title="Set API Gateway execution logging to ERROR",
    fixes=("api-gw-execution-logging-enabled",),
    permissions=("apigateway:GET", "apigateway:PATCH"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Sets the stage-wide `*/*` logging level (and any method override that turned it off) to ERROR; other
    method settings are untouched. WebSocket stages get ERROR in their default route settings, the rest of
    which is sent back unchanged. The account needs a CloudWatch Logs role in API Gateway's settings."""
    allowed = set(params["loggingLevel"])
    if item.resource_type == V2_STAGE:
        current = dict(item.configuration.get("defaultRouteSettings") or {})
        before = {"defaultRouteSettings": current}
        if current.get("loggingLevel") in allowed:
            return Change((), before, before)
        wanted = {**current, "loggingLevel": LEVEL}
        _, api_id, stage = parse_stage_id(item.resource_id)
        call = ApiCall(
            "apigatewayv2",
            "update_stage",
            {"ApiId": api_id, "StageName": stage, "DefaultRouteSettings": _v2_settings(wanted)},
        )
        return Change((call,), before, {"defaultRouteSettings": wanted})
    settings = item.configuration.get("methodSettings") or {}
    # An unset level is OFF to API Gateway; recording it as OFF lets a rollback restore it exactly.
    levels = {key: (value or {}).get("loggingLevel") or "OFF" for key, value in settings.items()}
    levels.setdefault("*/*", "OFF")
    targets = {key: level for key, level in levels.items() if level not in allowed}
    if not targets:
        return Change((), {"*/*": levels["*/*"]}, {"*/*": levels["*/*"]})
    call = stage_patch(
        item.resource_id, [replace(f"/{method_path(key)}/logging/loglevel", LEVEL) for key in sorted(targets)]
    )
    return Change((call,), targets, dict.fromkeys(targets, LEVEL))
