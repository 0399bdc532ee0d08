from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.kms._triggers import KEY, key_events

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


def rotation_applies(item: ConfigurationItem) -> str | None:
    """Why automatic rotation does not apply to this key, or None when it does."""
    config = item.configuration
    if config.get("keyManager") == "AWS":
        return "AWS managed keys rotate automatically."
    spec = config.get("keySpec") or config.get("customerMasterKeySpec")
    if spec not in (None, "SYMMETRIC_DEFAULT"):
        return f"Automatic rotation is not supported for {spec} keys."
    if config.get("origin") not in (None, "AWS_KMS"):
        return f"Automatic rotation is not supported for keys with origin {config.get('origin')}."
    if config.get("keyState") in ("PendingDeletion", "PendingReplicaDeletion"):
        return "Key is pending deletion."
    return None


@rule(
    id="cmk-backing-key-rotation-enabled",
    title="KMS customer managed keys rotate their key material automatically",
    resource_types=(KEY,),
    severity=Severity.MEDIUM,
    trigger=Trigger.BOTH,
    controls=("KMS.4",),
    remediation="kms-enable-key-rotation",
    attributes=("KeyRotationStatus",),
    cloudtrail=key_events("EnableKeyRotation", "DisableKeyRotation"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when automatic rotation is on; NON_COMPLIANT when it is off; NOT_APPLICABLE for AWS managed,
    asymmetric, HMAC, imported or custom key store keys and keys pending deletion."""
    reason = rotation_applies(item)
    if reason:
        return not_applicable(reason)
    if item.supplementary.get("KeyRotationStatus") is True:
        return compliant("Automatic key rotation is enabled.")
    return non_compliant("Automatic key rotation is disabled; enable it so the key material rotates every year.")
