from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.kms._blocked_actions import BLOCKED_PATTERNS, blocked_actions_on_all_keys

from warden.model import (
    ConfigurationItem,
    Severity,
    Verdict,
    as_list,
    compliant,
    decode_policy_document,
    non_compliant,
)
from warden.registry import CloudTrailTrigger, rule

USER, ROLE, GROUP = "AWS::IAM::User", "AWS::IAM::Role", "AWS::IAM::Group"
# Where Config lists each principal's inline policies.
POLICY_LISTS = {USER: "userPolicyList", ROLE: "rolePolicyList", GROUP: "groupPolicyList"}
PARAMETERS = {
    "type": "object",
    "properties": {"blockedActionsPatterns": BLOCKED_PATTERNS},
    "additionalProperties": False,
}


@rule(
    id="iam-inline-policy-blocked-kms-actions",
    title="IAM inline policies do not allow decryption on all KMS keys",
    resource_types=(USER, ROLE, GROUP),
    severity=Severity.MEDIUM,
    controls=("KMS.2",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("UserPolicyList", "RolePolicyList", "GroupPolicyList"),
    cloudtrail=(
        CloudTrailTrigger("iam.amazonaws.com", ("PutUserPolicy",), USER, "{requestParameters.userName}"),
        CloudTrailTrigger("iam.amazonaws.com", ("PutRolePolicy",), ROLE, "{requestParameters.roleName}"),
        CloudTrailTrigger("iam.amazonaws.com", ("PutGroupPolicy",), GROUP, "{requestParameters.groupName}"),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when no inline policy of the user, role or group allows one of `blockedActionsPatterns` on
    all KMS keys; NON_COMPLIANT naming the policies that do. Conditions are not read."""
    offending = []
    for policy in as_list(item.configuration.get(POLICY_LISTS[item.resource_type])):
        document = decode_policy_document(policy.get("policyDocument"))
        blocked = blocked_actions_on_all_keys(document, params["blockedActionsPatterns"])
        if blocked:
            offending.append(f"{policy.get('policyName')} ({', '.join(blocked)})")
    if offending:
        return non_compliant(
            f"Inline policies allow decryption on all KMS keys: {'; '.join(offending)}; name the keys instead."
        )
    return compliant("No inline policy allows a blocked KMS action on all keys.")
