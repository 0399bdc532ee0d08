from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from warden.rules.secretsmanager._secrets import ROTATION_EVENTS, SECRET, timestamp

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

# A rotation runs inside its window (a day by default); only after that has a missed one failed.
GRACE = dt.timedelta(days=1)


def rotation_due(config: Mapping[str, Any]) -> dt.datetime | None:
    """When the last scheduled rotation was due: NextRotationDate, else the last rotation plus the interval."""
    next_rotation = timestamp(config.get("NextRotationDate"))
    if next_rotation is not None:
        return next_rotation
    days = (config.get("RotationRules") or {}).get("AutomaticallyAfterDays")
    last = timestamp(config.get("LastRotatedDate") or config.get("CreatedDate"))
    return last + dt.timedelta(days=days) if last and days else None


@rule(
    id="secretsmanager-scheduled-rotation-success-check",
    title="Secrets with automatic rotation rotate on schedule",
    resource_types=(SECRET,),
    severity=Severity.MEDIUM,
    trigger=Trigger.BOTH,
    controls=("SecretsManager.2",),
    remediation="notify-only",
    cloudtrail=ROTATION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the scheduled rotation happened; NON_COMPLIANT when its due date (plus a day's
    window) has passed without one; NOT_APPLICABLE when rotation is off. Config's own
    RotationOccurringAsScheduled is used when the item records it."""
    config = item.configuration
    if not config.get("RotationEnabled"):
        return not_applicable("Automatic rotation is off (SecretsManager.1 reports that).")
    recorded = config.get("RotationOccurringAsScheduled")
    due = rotation_due(config)
    on_schedule = recorded if recorded is not None else due is None or dt.datetime.now(dt.UTC) <= due + GRACE
    if on_schedule:
        return compliant("Secret rotates on schedule.")
    return non_compliant(
        f"Scheduled rotation{f' due {due.date()}' if due else ''} did not happen; check the rotation function's logs."
    )
