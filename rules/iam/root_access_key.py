from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
    id="iam-root-access-key-check",
    title="The root user has no access keys",
    resource_types=(ACCOUNT_RESOURCE_TYPE,),
    severity=Severity.CRITICAL,
    controls=("IAM.4",),
    trigger=Trigger.PERIODIC,
    remediation="notify-only",
    attributes=("AccountSummary",),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the account summary reports no root access keys; NON_COMPLIANT when it reports any."""
    summary = item.supplementary.get("AccountSummary")
    if summary is None:
        return not_applicable("Account summary was not read.")
    if summary.get("AccountAccessKeysPresent"):
        return non_compliant("The root user has an access key; delete it and use IAM roles instead.")
    return compliant("The root user has no access keys.")
