from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.iam._triggers import USER, user_events

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, as_list, compliant, non_compliant
from warden.registry import rule


@rule(
    id="iam-user-mfa-enabled",
    title="Every IAM user has MFA",
    resource_types=(USER,),
    severity=Severity.MEDIUM,
    controls=("IAM.19",),
    trigger=Trigger.BOTH,
    remediation="notify-only",
    attributes=("MfaDevices",),
    cloudtrail=user_events("EnableMFADevice", "DeactivateMFADevice"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the user has an MFA device; NON_COMPLIANT otherwise."""
    devices = as_list(item.supplementary.get("MfaDevices"))
    if devices:
        return compliant(f"User has {len(devices)} MFA device(s).")
    return non_compliant("User has no MFA device; enable one (hardware, virtual or passkey).")
