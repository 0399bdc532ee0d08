from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.iam._triggers import ROOT_MFA_EVENTS

from warden.model import (
    ACCOUNT_RESOURCE_TYPE,
    ConfigurationItem,
    Severity,
    Trigger,
    Verdict,
    compliant,
    non_compliant,
    not_applicable,
)
from warden.registry import rule


@rule(
    id="root-account-hardware-mfa-enabled",
    title="The root user has hardware MFA",
    resource_types=(ACCOUNT_RESOURCE_TYPE,),
    severity=Severity.CRITICAL,
    controls=("IAM.6",),
    trigger=Trigger.PERIODIC,
    remediation="notify-only",
    attributes=("AccountSummary", "RootVirtualMfa"),
    cloudtrail=ROOT_MFA_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the root user has MFA and it is not a virtual device; NON_COMPLIANT when root has no
    MFA or only a virtual one."""
    summary = item.supplementary.get("AccountSummary")
    if summary is None:
        return not_applicable("Account summary was not read.")
    if not summary.get("AccountMFAEnabled"):
        return non_compliant("The root user has no MFA; assign a hardware MFA device to it.")
    if item.supplementary.get("RootVirtualMfa"):
        return non_compliant("The root user's MFA is a virtual device; replace it with a hardware device.")
    return compliant("The root user signs in with a hardware MFA device.")
