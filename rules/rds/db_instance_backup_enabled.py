from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import instance_events

from warden.collectors.rds import DB_INSTANCE
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "backupRetentionMinimum": {
            "type": "integer",
            "minimum": 7,
            "maximum": 35,
            "default": 7,
            "description": "Minimum automated backup retention, in days.",
        },
        "checkReadReplicas": {
            "type": "boolean",
            "default": False,
            "description": "Evaluate read replicas too (Security Hub keeps this false).",
        },
    },
    "additionalProperties": False,
}


@rule(
    id="db-instance-backup-enabled",
    title="RDS DB instances keep automated backups long enough",
    resource_types=(DB_INSTANCE,),
    severity=Severity.MEDIUM,
    controls=("RDS.11",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=instance_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `backupRetentionPeriod` is at least `backupRetentionMinimum` days; NON_COMPLIANT when
    backups are off or kept for less; NOT_APPLICABLE to read replicas unless `checkReadReplicas` is true."""
    if item.configuration.get("readReplicaSourceDBInstanceIdentifier") and not params["checkReadReplicas"]:
        return not_applicable("Read replicas are not evaluated.")
    retention = int(item.configuration.get("backupRetentionPeriod") or 0)
    minimum = params["backupRetentionMinimum"]
    if retention == 0:
        return non_compliant(f"Automated backups are off; keep them for at least {minimum} days.")
    if retention < minimum:
        return non_compliant(f"Automated backups are kept {retention} days, fewer than {minimum}.")
    return compliant(f"Automated backups are kept {retention} days.")
