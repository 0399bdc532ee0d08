from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.iam._triggers import USER, user_events

from warden.model import (
    ConfigurationItem,
    Severity,
    Trigger,
    Verdict,
    as_list,
    compliant,
    non_compliant,
    not_applicable,
)
from warden.registry import rule


@rule(
    id="mfa-enabled-for-iam-console-access",
    title="IAM users with a console password have MFA",
    resource_types=(USER,),
    severity=Severity.MEDIUM,
    controls=("IAM.5",),
    trigger=Trigger.BOTH,
    remediation="notify-only",
    attributes=("LoginProfile", "MfaDevices"),
    cloudtrail=user_events("CreateLoginProfile", "DeleteLoginProfile", "EnableMFADevice", "DeactivateMFADevice"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when a user with a console password has an MFA device; NON_COMPLIANT when it has none;
    NOT_APPLICABLE when the user cannot sign in to the console."""
    if not item.supplementary.get("LoginProfile"):
        return not_applicable("User has no console password.")
    if as_list(item.supplementary.get("MfaDevices")):
        return compliant("User signs in to the console with MFA.")
    return non_compliant("User can sign in to the console with a password alone; enable an MFA device.")
