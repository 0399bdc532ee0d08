from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.dynamodb._triggers import TABLE, table_events

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, as_list, compliant, non_compliant
from warden.registry import rule


@rule(
    id="dynamodb-resources-protected-by-backup-plan",
    title="DynamoDB tables are covered by an AWS Backup plan",
    resource_types=(TABLE,),
    severity=Severity.MEDIUM,
    controls=("DynamoDB.4",),
    # Backup selections change without naming the table, so coverage is also checked on a schedule.
    trigger=Trigger.BOTH,
    remediation="notify-only",
    attributes=("BackupPlans",),
    cloudtrail=table_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when a backup plan's selection covers the table (by resource ARN pattern or by tag);
    NON_COMPLIANT when none does."""
    plans = as_list(item.supplementary.get("BackupPlans"))
    if plans:
        return compliant("Covered by backup plan(s) " + ", ".join(str(p.get("backupPlanName")) for p in plans) + ".")
    return non_compliant("No AWS Backup plan selects this table; add it to a plan's resource selection.")
