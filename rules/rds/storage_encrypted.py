from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import instance_events

from warden.collectors.rds import DB_INSTANCE
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="rds-storage-encrypted",
    title="RDS DB instances are encrypted at rest",
    resource_types=(DB_INSTANCE,),
    severity=Severity.MEDIUM,
    controls=("RDS.3",),
    remediation="notify-only",
    cloudtrail=instance_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `storageEncrypted` is true; NON_COMPLIANT otherwise."""
    if item.configuration.get("storageEncrypted"):
        return compliant("DB instance storage is encrypted.")
    return non_compliant("DB instance storage is not encrypted; restore it from an encrypted snapshot copy.")
