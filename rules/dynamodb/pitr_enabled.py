from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.dynamodb._triggers import TABLE, table_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


def pitr_status(item: ConfigurationItem) -> str:
    description = item.supplementary.get("ContinuousBackupsDescription") or {}
    return str((description.get("pointInTimeRecoveryDescription") or {}).get("pointInTimeRecoveryStatus", "DISABLED"))


@rule(
    id="dynamodb-pitr-enabled",
    title="DynamoDB tables have point-in-time recovery enabled",
    resource_types=(TABLE,),
    severity=Severity.MEDIUM,
    controls=("DynamoDB.2",),
    remediation="dynamodb-enable-pitr",
    attributes=("ContinuousBackupsDescription",),
    cloudtrail=table_events("UpdateContinuousBackups"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when point-in-time recovery is ENABLED; NON_COMPLIANT otherwise."""
    status = pitr_status(item)
    if status == "ENABLED":
        return compliant("Point-in-time recovery is enabled.")
    return non_compliant(f"Point-in-time recovery is {status}; enable it to restore the table to any second.")
