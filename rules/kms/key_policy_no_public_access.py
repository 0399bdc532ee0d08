from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.kms._triggers import KEY, key_events

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant, not_applicable
from warden.policy import principal_is_everyone, statements
from warden.registry import rule

# Condition keys that pin an open principal to known accounts or an organization, when given fixed values.
PINNING_KEYS = frozenset(
    {
        "aws:principalaccount",
        "aws:principalorgid",
        "aws:sourceaccount",
        "aws:sourceowner",
        "aws:sourcearn",
        "aws:sourcevpce",
        "aws:sourcevpc",
        "kms:calleraccount",
        "aws:principalarn",
    }
)


def _fixed(value: Any) -> bool:
    return not any(mark in str(value) for mark in ("*", "?", "${"))


def _pinned(condition: Any) -> bool:
    if not isinstance(condition, Mapping):
        return False
    for operator, clauses in condition.items():
        if "IfExists" in operator or not isinstance(clauses, Mapping) or operator.startswith("StringNot"):
            continue
        for key, values in clauses.items():
            if key.lower() in PINNING_KEYS and all(_fixed(v) for v in as_list(values)):
                return True
    return False


def is_public(statement: Mapping[str, Any]) -> bool:
    if statement.get("Effect") != "Allow":
        return False
    principal = statement.get("Principal")
    open_principal = principal_is_everyone(principal) or any(
        not _fixed(p) for p in (as_list(principal.get("AWS")) if isinstance(principal, Mapping) else [])
    )
    return open_principal and not _pinned(statement.get("Condition"))


@rule(
    id="kms-key-policy-no-public-access",
    title="KMS key policies do not allow public access",
    resource_types=(KEY,),
    severity=Severity.CRITICAL,
    controls=("KMS.5",),
    remediation="notify-only",
    attributes=("Policy",),
    cloudtrail=key_events("PutKeyPolicy"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every Allow in the key policy names fixed principals, or pins an open principal to
    fixed accounts, an organization or a source with a condition; NON_COMPLIANT when an Allow is open to
    everyone (`*`, or a wildcard principal) without such a condition."""
    if item.configuration.get("keyManager") == "AWS":
        return not_applicable("AWS managed key: its policy is set by AWS.")
    policy = item.supplementary.get("Policy")
    if policy is None:
        return not_applicable("Key policy was not recorded.")
    public = [s.get("Sid") or f"#{i}" for i, s in enumerate(statements(policy)) if is_public(s)]
    if public:
        return non_compliant(f"Key policy statements {', '.join(public)} allow access to anyone; name principals.")
    return compliant("Key policy grants access to fixed principals only.")
