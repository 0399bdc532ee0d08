from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant, not_applicable
from warden.policy import statements
from warden.registry import CloudTrailTrigger, rule

POLICY = "AWS::IAM::Policy"


def default_document(item: ConfigurationItem) -> Any:
    versions = as_list(item.configuration.get("policyVersionList"))
    default = next((v for v in versions if v.get("isDefaultVersion")), versions[0] if versions else None)
    return (default or {}).get("document")


def grants_full_admin(statement: Mapping[str, Any]) -> bool:
    return (
        statement.get("Effect") == "Allow"
        and "*" in as_list(statement.get("Action"))
        and "*" in as_list(statement.get("Resource"))
    )


@rule(
    id="iam-policy-no-statements-with-admin-access",
    title="Attached customer-managed IAM policies do not grant * on *",
    resource_types=(POLICY,),
    severity=Severity.HIGH,
    controls=("IAM.1",),
    remediation="notify-only",
    attributes=("DefaultPolicyVersion",),
    cloudtrail=(
        CloudTrailTrigger(
            "iam.amazonaws.com",
            (
                "CreatePolicyVersion",
                "SetDefaultPolicyVersion",
                "AttachUserPolicy",
                "AttachRolePolicy",
                "AttachGroupPolicy",
            ),
            POLICY,
            "{requestParameters.policyArn}",
        ),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the default version has no Allow of Action `*` on Resource `*`; NON_COMPLIANT when it
    does; NOT_APPLICABLE when the policy is attached to no user, group or role."""
    if not item.configuration.get("attachmentCount"):
        return not_applicable("Policy is not attached to any user, group or role.")
    document = default_document(item)
    if document is None:
        return not_applicable("Policy has no default version recorded.")
    if any(grants_full_admin(s) for s in statements(document)):
        return non_compliant(
            "Policy allows Action * on Resource * (full administrator); grant only the actions and resources needed."
        )
    return compliant("Policy grants no full administrative access.")
