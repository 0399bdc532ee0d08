from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.awslambda._triggers import FUNCTION, PERMISSION_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant
from warden.policy import statements
from warden.public_access import is_public_statement
from warden.registry import rule


def _s3_without_source_account(statement: Mapping[str, Any]) -> bool:
    """S3 may invoke for any account's bucket unless the statement pins aws:SourceAccount."""
    principal = statement.get("Principal")
    services = as_list(principal.get("Service")) if isinstance(principal, Mapping) else []
    if statement.get("Effect") != "Allow" or "s3.amazonaws.com" not in services:
        return False
    condition = statement.get("Condition") or {}
    pinned = [
        value
        for clauses in condition.values()
        if isinstance(clauses, Mapping)
        for key, value in clauses.items()
        if str(key).lower() == "aws:sourceaccount"
    ]
    return not pinned


def public_permissions(policy: Any) -> list[dict[str, Any]]:
    """The statements of a function policy that let anyone invoke or manage the function."""
    return [s for s in statements(policy) if is_public_statement(s) or _s3_without_source_account(s)]


@rule(
    id="lambda-function-public-access-prohibited",
    title="Lambda function policies prohibit public access",
    resource_types=(FUNCTION,),
    severity=Severity.CRITICAL,
    controls=("Lambda.1",),
    remediation="lambda-remove-public-permission",
    attributes=("Policy",),
    cloudtrail=PERMISSION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the function has no policy or no statement is public; NON_COMPLIANT when a statement
    allows every principal without a condition on fixed values, or lets S3 invoke without aws:SourceAccount."""
    public = public_permissions(item.supplementary.get("Policy"))
    if not public:
        return compliant("Function policy allows only named principals or fixed sources.")
    sids = ", ".join(str(s.get("Sid", "(no Sid)")) for s in public)
    return non_compliant(
        f"Function policy lets anyone invoke it ({sids}); remove those permissions or pin aws:SourceAccount."
    )
