"""Which IAM policy statements allow blocked KMS actions on every key (KMS.1 and KMS.2 share this)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from warden.model import as_list
from warden.policy import actions_cover, statements

# Security Hub's values for the managed rules' blockedActionsPatterns.
DEFAULT_BLOCKED = ["kms:ReEncryptFrom", "kms:Decrypt"]
BLOCKED_PATTERNS = {
    "type": "array",
    "items": {"type": "string", "pattern": "^kms:"},
    "minItems": 1,
    "default": DEFAULT_BLOCKED,
    "description": "KMS action patterns that no policy may allow on all keys.",
}


def _all_keys(resource: Any) -> bool:
    """`*`, or a KMS ARN with a wildcard or a policy variable: not a fixed set of keys."""
    text = str(resource)
    if text == "*":
        return True
    parts = text.split(":", 5)
    service = parts[2] if len(parts) > 2 else ""
    variable = any(mark in text for mark in ("*", "?", "${"))
    return variable and (service == "kms" or "*" in service or "?" in service)


def _allows(statement: Mapping[str, Any], pattern: str) -> bool:
    if "NotAction" in statement:
        return not actions_cover(statement["NotAction"], pattern)
    actions = as_list(statement.get("Action"))
    return actions_cover(actions, pattern) or any(actions_cover(pattern, str(a)) for a in actions)


def blocked_actions_on_all_keys(document: Any, patterns: Sequence[str]) -> list[str]:
    """The blocked patterns that some Allow statement grants on all KMS keys (conditions are not read,
    as the managed rules do not read them)."""
    found: list[str] = []
    for statement in statements(document):
        if statement.get("Effect") != "Allow":
            continue
        on_all = "NotResource" in statement or any(_all_keys(r) for r in as_list(statement.get("Resource")))
        if on_all:
            found += [p for p in patterns if p not in found and _allows(statement, p)]
    return found
