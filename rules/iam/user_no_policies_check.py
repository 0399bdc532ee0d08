from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.iam._triggers import USER, user_events

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant
from warden.registry import rule


@rule(
    id="iam-user-no-policies-check",
    title="IAM users receive permissions only through groups or roles",
    resource_types=(USER,),
    severity=Severity.LOW,
    controls=("IAM.2",),
    remediation="notify-only",
    attributes=("AttachedManagedPolicies", "UserPolicyList"),
    cloudtrail=user_events("AttachUserPolicy", "DetachUserPolicy", "PutUserPolicy", "DeleteUserPolicy"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the user has no attached managed policy and no inline policy; NON_COMPLIANT otherwise."""
    attached = [p.get("policyName") for p in as_list(item.configuration.get("attachedManagedPolicies"))]
    inline = [p.get("policyName") for p in as_list(item.configuration.get("userPolicyList"))]
    if not attached and not inline:
        return compliant("User has no policies of its own; permissions come from groups or roles.")
    names = ", ".join(str(n) for n in attached + inline)
    return non_compliant(f"User has policies of its own ({names}); grant them through a group instead.")
