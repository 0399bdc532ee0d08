"""Whether a resource policy grants access to anyone: the test behind the *-no-public-access rules.

AWS Config treats a statement as non-public only when a condition pins it to fixed values (no wildcard,
no policy variable) of a key that names the caller's account, organisation, network or source.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import as_list
from warden.policy import principal_is_everyone, statements

# Condition keys that confine a statement to known callers (compared in lower case).
RESTRICTING_KEYS = frozenset(
    {
        "aws:sourceaccount",
        "aws:sourcearn",
        "aws:sourceowner",
        "aws:sourceorgid",
        "aws:principalaccount",
        "aws:principalarn",
        "aws:principalorgid",
        "aws:sourcevpc",
        "aws:sourcevpce",
        "aws:userid",
    }
)
_NEGATED_OPERATORS = ("StringNotEquals", "StringNotLike", "ArnNotEquals", "ArnNotLike")


def _is_fixed(value: Any) -> bool:
    text = str(value)
    return bool(text) and not any(mark in text for mark in ("*", "?", "${"))


def restricted_by_condition(condition: Any) -> bool:
    """True when a condition pins a restricting key to fixed values."""
    if not isinstance(condition, Mapping):
        return False
    for operator, clauses in condition.items():
        base = str(operator).split(":")[-1].removesuffix("IfExists")
        if not isinstance(clauses, Mapping) or base.startswith(_NEGATED_OPERATORS):
            continue
        for key, values in clauses.items():
            listed = as_list(values)
            if str(key).lower() in RESTRICTING_KEYS and listed and all(_is_fixed(v) for v in listed):
                return True
    return False


def is_public_statement(statement: Mapping[str, Any]) -> bool:
    """An Allow for every principal (or `NotPrincipal`) that no restricting condition narrows."""
    if statement.get("Effect") != "Allow":
        return False
    if "NotPrincipal" not in statement and not principal_is_everyone(statement.get("Principal")):
        return False
    return not restricted_by_condition(statement.get("Condition"))


def public_statements(document: Any) -> list[dict[str, Any]]:
    return [s for s in statements(document) if is_public_statement(s)]
