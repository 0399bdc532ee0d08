from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.secretsmanager._secrets import ROTATION_EVENTS, SECRET

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "maximumAllowedRotationFrequency": {
            "type": "integer",
            "minimum": 0,
            "maximum": 365,
            "default": 0,
            "description": "Most days allowed between rotations; 0 (AWS Config: unset) accepts any schedule.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="secretsmanager-rotation-enabled-check",
    title="Secrets Manager secrets have automatic rotation enabled",
    resource_types=(SECRET,),
    severity=Severity.MEDIUM,
    controls=("SecretsManager.1",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=ROTATION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when automatic rotation is on (within maximumAllowedRotationFrequency days when set);
    NON_COMPLIANT when rotation is off or scheduled less often than allowed."""
    if not item.configuration.get("RotationEnabled"):
        return non_compliant("Automatic rotation is off; configure a rotation function and schedule.")
    days = (item.configuration.get("RotationRules") or {}).get("AutomaticallyAfterDays")
    limit = params["maximumAllowedRotationFrequency"]
    if limit and days is not None and days > limit:
        return non_compliant(f"Secret rotates every {days} days; at most {limit} days are allowed.")
    return compliant(f"Automatic rotation is on{f' every {days} days' if days else ''}.")
