from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from warden.rules.secretsmanager._secrets import ROTATION_EVENTS, SECRET, days_since

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "maxDaysSinceRotation": {
            "type": "integer",
            "minimum": 1,
            "maximum": 3650,
            "default": 90,
            "description": "Most days a secret may go without rotation.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="secretsmanager-secret-periodic-rotation",
    title="Secrets Manager secrets are rotated within the allowed number of days",
    resource_types=(SECRET,),
    severity=Severity.MEDIUM,
    trigger=Trigger.BOTH,
    controls=("SecretsManager.4",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=ROTATION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the secret was rotated (or, never rotated, created) within maxDaysSinceRotation days;
    NON_COMPLIANT otherwise."""
    now = dt.datetime.now(dt.UTC)
    rotated = days_since(item.configuration.get("LastRotatedDate"), now)
    age = rotated if rotated is not None else days_since(item.configuration.get("CreatedDate"), now)
    limit = params["maxDaysSinceRotation"]
    if age is not None and age > limit:
        what = "rotated" if rotated is not None else "created, and never rotated,"
        return non_compliant(f"Secret was last {what} {age} days ago (limit {limit}); rotate it.")
    return compliant(f"Secret was rotated within {limit} days.")
