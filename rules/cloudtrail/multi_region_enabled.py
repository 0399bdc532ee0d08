from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudtrail._triggers import ACCOUNT_TRAIL_EVENTS

from warden.model import (
    ACCOUNT_RESOURCE_TYPE,
    ConfigurationItem,
    Severity,
    Trigger,
    Verdict,
    as_list,
    compliant,
    non_compliant,
)
from warden.registry import rule


def logs_all_management_events(trail: Mapping[str, Any]) -> bool:
    advanced = as_list(trail.get("advancedEventSelectors"))
    if advanced:
        for selector in advanced:
            fields = {f.get("field"): f for f in as_list(selector.get("fieldSelectors"))}
            category = fields.get("eventCategory", {})
            # A readOnly field selector restricts the trail to reads or to writes only.
            if "Management" in as_list(category.get("equals")) and "readOnly" not in fields:
                return True
        return False
    basic = as_list(trail.get("eventSelectors"))
    if basic:
        return any(s.get("includeManagementEvents", True) and s.get("readWriteType", "All") == "All" for s in basic)
    # A trail without custom selectors logs every management event, reads and writes.
    return not trail.get("hasCustomEventSelectors")


@rule(
    id="multi-region-cloudtrail-enabled",
    title="At least one multi-region trail logs all read and write management events",
    resource_types=(ACCOUNT_RESOURCE_TYPE,),
    severity=Severity.HIGH,
    controls=("CloudTrail.1",),
    trigger=Trigger.PERIODIC,
    remediation="notify-only",
    attributes=("Trails",),
    cloudtrail=ACCOUNT_TRAIL_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when a multi-region trail is logging and records read and write management events;
    NON_COMPLIANT otherwise, naming what each multi-region trail lacks."""
    trails = as_list(item.supplementary.get("Trails"))
    multi = [t for t in trails if t.get("isMultiRegionTrail")]
    for trail in multi:
        if trail.get("isLogging") and logs_all_management_events(trail):
            return compliant(f"Trail {trail.get('name')} logs all management events in every region.")
    if not multi:
        return non_compliant("No multi-region trail exists; create one that logs read and write management events.")
    problems = []
    for trail in multi:
        lacking = [] if trail.get("isLogging") else ["is stopped"]
        if not logs_all_management_events(trail):
            lacking.append("misses read or write management events")
        problems.append(f"{trail.get('name')} {' and '.join(lacking)}")
    return non_compliant("No multi-region trail logs all management events: " + "; ".join(problems) + ".")
