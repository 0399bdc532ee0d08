"""Reading IAM policy documents: the forms AWS writes statements, principals and actions in."""

from __future__ import annotations

from collections.abc import Mapping
from fnmatch import fnmatchcase
from typing import Any

from warden.model import as_list, decode_policy_document


def statements(document: Any) -> list[dict[str, Any]]:
    decoded = decode_policy_document(document)
    if decoded is None:
        return []
    return [dict(s) for s in as_list(decoded.get("Statement")) if isinstance(s, Mapping)]


def principal_is_everyone(principal: Any) -> bool:
    """`"*"`, `{"AWS": "*"}` and `{"AWS": ["*"]}` all mean every principal."""
    if principal == "*":
        return True
    if isinstance(principal, Mapping):
        return "*" in as_list(principal.get("AWS"))
    return False


def actions_cover(actions: Any, action: str) -> bool:
    """True when any pattern in `actions` matches `action` (IAM actions are case-insensitive)."""
    return any(fnmatchcase(action.lower(), str(pattern).lower()) for pattern in as_list(actions))


def resources_cover(resources: Any, arn: str) -> bool:
    return any(fnmatchcase(arn, str(pattern)) for pattern in as_list(resources))


def condition_values(condition: Any, operator: str, key: str) -> list[Any] | None:
    """Values of one condition key under one operator (keys are case-insensitive); None if absent."""
    if not isinstance(condition, Mapping):
        return None
    for op, clauses in condition.items():
        if op != operator or not isinstance(clauses, Mapping):
            continue
        for clause_key, value in clauses.items():
            if clause_key.lower() == key.lower():
                return as_list(value)
    return None
