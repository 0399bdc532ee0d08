from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.iam._triggers import account_events

from warden.model import ACCOUNT_RESOURCE_TYPE, ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule


def _required(description: str) -> dict[str, Any]:
    return {"type": "boolean", "default": True, "description": description}


# Security Hub's defaults; PasswordReusePrevention and MaxPasswordAge have none (null: not checked).
PARAMETERS = {
    "type": "object",
    "properties": {
        "RequireUppercaseCharacters": _required("Passwords must contain an uppercase letter."),
        "RequireLowercaseCharacters": _required("Passwords must contain a lowercase letter."),
        "RequireSymbols": _required("Passwords must contain a symbol."),
        "RequireNumbers": _required("Passwords must contain a number."),
        "MinimumPasswordLength": {
            "type": "integer",
            "minimum": 8,
            "maximum": 128,
            "default": 8,
            "description": "Fewest characters a password may have.",
        },
        "PasswordReusePrevention": {
            "type": ["integer", "null"],
            "minimum": 1,
            "maximum": 24,
            "default": None,
            "description": "Fewest previous passwords that may not be reused.",
        },
        "MaxPasswordAge": {
            "type": ["integer", "null"],
            "minimum": 1,
            "maximum": 1095,
            "default": None,
            "description": "Most days a password may be used before it must change.",
        },
    },
    "additionalProperties": False,
}
_FLAGS = ("RequireUppercaseCharacters", "RequireLowercaseCharacters", "RequireSymbols", "RequireNumbers")


@rule(
    id="iam-password-policy",
    title="The IAM password policy is strong",
    resource_types=(ACCOUNT_RESOURCE_TYPE,),
    severity=Severity.LOW,
    controls=("IAM.7",),
    trigger=Trigger.PERIODIC,
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("PasswordPolicy",),
    cloudtrail=account_events("UpdateAccountPasswordPolicy", "DeleteAccountPasswordPolicy"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the account password policy meets every parameter; NON_COMPLIANT when there is no
    policy or a setting falls short (each shortfall is named)."""
    policy = item.supplementary.get("PasswordPolicy")
    if not policy:
        return non_compliant("The account has no IAM password policy; set one that meets the requirements.")
    problems = [f"{flag} is off" for flag in _FLAGS if params[flag] and not policy.get(flag)]
    if policy.get("MinimumPasswordLength", 0) < params["MinimumPasswordLength"]:
        problems.append(
            f"MinimumPasswordLength {policy.get('MinimumPasswordLength')} < {params['MinimumPasswordLength']}"
        )
    reuse = params["PasswordReusePrevention"]
    if reuse is not None and policy.get("PasswordReusePrevention", 0) < reuse:
        problems.append(f"PasswordReusePrevention {policy.get('PasswordReusePrevention', 0)} < {reuse}")
    age = params["MaxPasswordAge"]
    if age is not None and not 0 < policy.get("MaxPasswordAge", 0) <= age:
        problems.append(f"MaxPasswordAge {policy.get('MaxPasswordAge', 'unlimited')} > {age}")
    if problems:
        return non_compliant("Password policy is weak: " + "; ".join(problems) + ".")
    return compliant("Password policy meets every requirement.")
