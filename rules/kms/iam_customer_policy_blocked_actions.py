from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.iam.no_admin_policy import default_document
from warden.rules.kms._blocked_actions import BLOCKED_PATTERNS, blocked_actions_on_all_keys

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import CloudTrailTrigger, rule

POLICY = "AWS::IAM::Policy"
PARAMETERS = {
    "type": "object",
    "properties": {
        "blockedActionsPatterns": BLOCKED_PATTERNS,
        "excludePermissionBoundaryPolicy": {
            "type": "boolean",
            "default": True,
            "description": "Skip policies used only as permissions boundaries (Security Hub sets true).",
        },
    },
    "additionalProperties": False,
}


@rule(
    id="iam-customer-policy-blocked-kms-actions",
    title="IAM customer managed policies do not allow decryption on all KMS keys",
    resource_types=(POLICY,),
    severity=Severity.MEDIUM,
    controls=("KMS.1",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("DefaultPolicyVersion",),
    cloudtrail=(
        CloudTrailTrigger(
            "iam.amazonaws.com",
            ("CreatePolicyVersion", "SetDefaultPolicyVersion"),
            POLICY,
            "{requestParameters.policyArn}",
        ),
        CloudTrailTrigger("iam.amazonaws.com", ("CreatePolicy",), POLICY, "{responseElements.policy.arn}"),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the default version allows none of `blockedActionsPatterns` on all KMS keys;
    NON_COMPLIANT when an Allow grants one on `*` (or a wildcard KMS ARN); NOT_APPLICABLE for a policy used
    only as a permissions boundary when `excludePermissionBoundaryPolicy` is true. Conditions are not read."""
    config = item.configuration
    boundary_only = config.get("permissionsBoundaryUsageCount") and not config.get("attachmentCount")
    if params["excludePermissionBoundaryPolicy"] and boundary_only:
        return not_applicable("Policy is used only as a permissions boundary.")
    document = default_document(item)
    if document is None:
        return not_applicable("Policy has no default version recorded.")
    blocked = blocked_actions_on_all_keys(document, params["blockedActionsPatterns"])
    if blocked:
        return non_compliant(
            f"Policy allows {', '.join(blocked)} on all KMS keys; limit Resource to the keys the principals use."
        )
    return compliant("Policy allows no blocked KMS action on all keys.")
