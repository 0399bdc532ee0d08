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
    id="root-account-mfa-enabled",
    title="The root user has MFA",
    resource_types=(ACCOUNT_RESOURCE_TYPE,),
    severity=Severity.CRITICAL,
    controls=("IAM.9",),
    trigger=Trigger.PERIODIC,
    remediation="notify-only",
    attributes=("AccountSummary",),
    cloudtrail=ROOT_MFA_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the account summary reports root MFA (AccountMFAEnabled); NON_COMPLIANT otherwise."""
    summary = item.supplementary.get("AccountSummary")
    if summary is None:
        return not_applicable("Account summary was not read.")
    if summary.get("AccountMFAEnabled"):
        return compliant("The root user signs in with MFA.")
    return non_compliant("The root user has no MFA; sign in as root and assign an MFA device.")
