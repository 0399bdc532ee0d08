"""Patch-call builders shared by the API Gateway remediations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from warden.collectors.apigateway import parse_stage_id
from warden.remediation import ApiCall, Plan


def method_path(setting_key: str) -> str:
    """`*/*` stays; `orders/items/GET` becomes `~1orders~1items/GET` (a resource path, `/` escaped)."""
    if setting_key == "*/*":
        return "*/*"
    resource, method = setting_key.rsplit("/", 1)
    return "~1" + resource.strip("/").replace("/", "~1") + "/" + method


def stage_patch(stage_arn: str, operations: Iterable[Mapping[str, Any]]) -> ApiCall:
    _, api_id, stage = parse_stage_id(stage_arn)
    return ApiCall(
        "apigateway", "update_stage", {"restApiId": api_id, "stageName": stage, "patchOperations": list(operations)}
    )


def replace(path: str, value: Any) -> dict[str, Any]:
    return {"op": "replace", "path": path, "value": str(value).lower() if isinstance(value, bool) else str(value)}


def method_setting_rollback(plan: Plan, suffix: str, default: str) -> list[ApiCall]:
    """Put each method setting named in `plan.before` back to its value (or `default` where it was unset)."""
    operations = [
        replace(f"/{method_path(key)}/{suffix}", default if value is None else value)
        for key, value in plan.before.items()
    ]
    return [stage_patch(plan.resource_id, operations)]
