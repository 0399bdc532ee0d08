from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._apigateway import method_path, method_setting_rollback, replace, stage_patch

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def rollback(plan: Plan) -> list[ApiCall]:
    return method_setting_rollback(plan, "caching/dataEncrypted", "false")


@remediation(
    id="api-gw-encrypt-cache",
    title="Encrypt cached responses on every caching method",
    fixes=("api-gw-cache-encrypted",),
    permissions=("apigateway:GET", "apigateway:PATCH"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Sets `caching/dataEncrypted` on each method setting that caches without encryption. API Gateway
    flushes the cache when this changes, so the next requests go to the backend."""
    settings = item.configuration.get("methodSettings") or {}
    plain = {
        key: bool((value or {}).get("cacheDataEncrypted"))
        for key, value in settings.items()
        if (value or {}).get("cachingEnabled") and not (value or {}).get("cacheDataEncrypted")
    }
    if not plain:
        return Change((), {}, {})
    operations = [replace(f"/{method_path(key)}/caching/dataEncrypted", True) for key in sorted(plain)]
    return Change((stage_patch(item.resource_id, operations),), plain, dict.fromkeys(plain, True))
