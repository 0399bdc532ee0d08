from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def rollback(plan: Plan) -> list[ApiCall]:
    return [ApiCall("kms", "disable_key_rotation", {"KeyId": plan.resource_id})]


@remediation(
    id="kms-enable-key-rotation",
    title="Turn on automatic rotation of the KMS key's material",
    fixes=("cmk-backing-key-rotation-enabled",),
    permissions=("kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:EnableKeyRotation", "kms:DisableKeyRotation"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls EnableKeyRotation (yearly rotation); KMS keeps every earlier key material, so data encrypted
    before stays decryptable and no caller changes."""
    before = {"keyRotationEnabled": item.supplementary.get("KeyRotationStatus") is True}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    call = ApiCall("kms", "enable_key_rotation", {"KeyId": item.resource_id})
    return Change((call,), before, {"keyRotationEnabled": True})
