from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.awslambda.function_public_access_prohibited import public_permissions

from warden.model import ConfigurationItem, as_list, decode_policy_document
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation

# Condition keys AddPermission writes, by its parameter: a statement made of only these can be re-added.
_CONDITION_PARAMETERS = {
    "aws:sourcearn": "SourceArn",
    "aws:sourceaccount": "SourceAccount",
    "aws:principalorgid": "PrincipalOrgID",
    "lambda:eventsourcetoken": "EventSourceToken",
    "lambda:functionurlauthtype": "FunctionUrlAuthType",
}


def _principal(principal: Any) -> str | None:
    if principal == "*":
        return "*"
    if isinstance(principal, Mapping) and len(principal) == 1:
        values = as_list(next(iter(principal.values())))
        return str(values[0]) if len(values) == 1 else None
    return None


def add_permission_params(function: str, statement: Mapping[str, Any]) -> dict[str, Any] | None:
    """The AddPermission call that recreates a statement exactly, or None when it cannot."""
    actions = as_list(statement.get("Action"))
    principal = _principal(statement.get("Principal"))
    if not statement.get("Sid") or len(actions) != 1 or principal is None:
        return None
    params: dict[str, Any] = {
        "FunctionName": function,
        "StatementId": statement["Sid"],
        "Action": actions[0],
        "Principal": principal,
    }
    if "FunctionUrlAuthType" in statement:  # how moto records it, outside the condition
        params["FunctionUrlAuthType"] = statement["FunctionUrlAuthType"]
    for clauses in (statement.get("Condition") or {}).values():
        for key, value in (clauses or {}).items():
            name = _CONDITION_PARAMETERS.get(str(key).lower())
            values = as_list(value)
            if name is None or len(values) != 1:
                return None
            params[name] = values[0]
    return params


def rollback(plan: Plan) -> list[ApiCall]:
    return [ApiCall("lambda", "add_permission", params) for params in plan.before["removed"]]


@remediation(
    id="lambda-remove-public-permission",
    title="Remove the function policy's public permission statements",
    fixes=("lambda-function-public-access-prohibited",),
    permissions=("lambda:GetPolicy", "lambda:RemovePermission", "lambda:AddPermission"),
    reversible=True,
    # Callers that relied on the public permission (a public function URL, a third party) lose access.
    risk=Risk.HIGH,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls RemovePermission for each public statement and keeps every other statement; rollback re-adds
    each with AddPermission. A public statement AddPermission could not recreate exactly is left to a person."""
    policy = decode_policy_document(item.supplementary.get("Policy"))
    public = public_permissions(policy)
    recreatable = [add_permission_params(item.resource_id, s) for s in public]
    removed = [p for p in recreatable if p]
    before = {"statements": [s.get("Sid") for s in public], "removed": removed}
    if not public:
        return Change((), before, before)
    if len(removed) < len(public):
        manual = "Remove or pin (aws:SourceAccount, aws:SourceArn) the public statements of the function policy."
        return Change((), before, before, manual_action=manual)
    calls = tuple(
        ApiCall("lambda", "remove_permission", {"FunctionName": item.resource_id, "StatementId": p["StatementId"]})
        for p in removed
    )
    return Change(calls, before, {"statements": [], "removed": []})
