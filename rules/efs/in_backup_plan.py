from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.efs._triggers import FILE_SYSTEM, FILE_SYSTEM_CREATED, SOURCE

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, as_list, compliant, non_compliant
from warden.registry import CloudTrailTrigger, rule


@rule(
    id="efs-in-backup-plan",
    title="EFS file systems are in AWS Backup plans",
    resource_types=(FILE_SYSTEM,),
    severity=Severity.MEDIUM,
    # Backup selections change without naming the file system, so coverage is checked on a schedule.
    trigger=Trigger.PERIODIC,
    controls=("EFS.2",),
    remediation="notify-only",
    attributes=("BackupPolicy", "BackupPlans"),
    cloudtrail=(
        FILE_SYSTEM_CREATED,
        CloudTrailTrigger(SOURCE, ("PutBackupPolicy",), FILE_SYSTEM, "{requestParameters.fileSystemId}"),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when automatic backups are on (EFS's own backup plan) or a backup plan's selection covers the
    file system; NON_COMPLIANT when neither."""
    status = (item.configuration.get("BackupPolicy") or {}).get("Status")
    if status in ("ENABLED", "ENABLING"):
        return compliant("Automatic backups are on: the file system is in the aws/efs/automatic-backup-plan.")
    plans = as_list(item.supplementary.get("BackupPlans"))
    if plans:
        return compliant("Covered by backup plan(s) " + ", ".join(str(p.get("backupPlanName")) for p in plans) + ".")
    return non_compliant("No backup plan covers the file system: turn on automatic backups or add it to a plan.")
