from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.iam._triggers import POLICY, POLICY_EVENTS
from warden.rules.iam.no_admin_policy import default_document

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant, not_applicable
from warden.policy import statements
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "excludePermissionBoundaryPolicy": {
            "type": "boolean",
            "default": True,
            "description": "Skip policies used as permissions boundaries (they cap, not grant).",
        }
    },
    "additionalProperties": False,
}


def full_service_actions(statement: Mapping[str, Any]) -> list[str]:
    """The `service:*` (or `*`) actions an Allow statement grants."""
    if statement.get("Effect") != "Allow":
        return []
    return [str(a) for a in as_list(statement.get("Action")) if str(a) == "*" or str(a).endswith(":*")]


@rule(
    id="iam-policy-no-statements-with-full-access",
    title="Customer managed IAM policies allow no service's every action",
    resource_types=(POLICY,),
    severity=Severity.LOW,
    controls=("IAM.21",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("DefaultPolicyVersion",),
    cloudtrail=POLICY_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when no Allow statement of the default version grants `service:*`; NON_COMPLIANT when one
    does; NOT_APPLICABLE for permissions boundaries when `excludePermissionBoundaryPolicy` is true."""
    if params["excludePermissionBoundaryPolicy"] and item.configuration.get("permissionsBoundaryUsageCount"):
        return not_applicable("Policy is used as a permissions boundary.")
    document = default_document(item)
    if document is None:
        return not_applicable("Policy has no default version recorded.")
    wildcards = sorted({a for s in statements(document) for a in full_service_actions(s)})
    if wildcards:
        return non_compliant(
            f"Policy allows every action of a service ({', '.join(wildcards)}); list the actions needed."
        )
    return compliant("Policy grants named actions only.")
