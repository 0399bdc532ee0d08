from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from warden.rules.iam._triggers import USER, user_events

from warden.model import (
    ConfigurationItem,
    Severity,
    Trigger,
    Verdict,
    as_list,
    compliant,
    non_compliant,
    not_applicable,
)
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "maxCredentialUsageAge": {
            "type": "integer",
            "minimum": 1,
            "maximum": 365,
            "default": 90,
            "description": "Days a password or an active access key may go unused.",
        }
    },
    "additionalProperties": False,
}


def _age_days(value: str | None, now: dt.datetime) -> int | None:
    if not value:
        return None
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return (now - (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC))).days


@rule(
    id="iam-user-unused-credentials-check",
    title="Unused IAM user credentials are removed",
    resource_types=(USER,),
    severity=Severity.MEDIUM,
    controls=("IAM.8",),
    trigger=Trigger.PERIODIC,
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("LoginProfile", "AccessKeysLastUsed"),
    cloudtrail=user_events("CreateLoginProfile", "CreateAccessKey", "UpdateAccessKey"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the console password and every active access key were used (or, never used, created)
    within `maxCredentialUsageAge` days; NON_COMPLIANT when one was not; NOT_APPLICABLE with no credential."""
    now, limit = dt.datetime.now(dt.UTC), params["maxCredentialUsageAge"]
    stale = []
    profile = item.supplementary.get("LoginProfile")
    if profile:
        last = item.configuration.get("passwordLastUsed") or profile.get("createDate")
        if (_age_days(last, now) or 0) > limit:
            stale.append("console password")
    keys = [k for k in as_list(item.supplementary.get("AccessKeysLastUsed")) if k.get("status") == "Active"]
    for key in keys:
        if (_age_days(key.get("lastUsedDate") or key.get("createDate"), now) or 0) > limit:
            stale.append(f"access key {key.get('accessKeyId')}")
    if not profile and not keys:
        return not_applicable("User has no console password and no active access key.")
    if stale:
        return non_compliant(f"Unused for more than {limit} days: {', '.join(stale)}; deactivate or delete it.")
    return compliant(f"Every credential was used within {limit} days.")
