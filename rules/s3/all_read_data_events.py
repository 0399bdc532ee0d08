from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudtrail._triggers import ACCOUNT_TRAIL_EVENTS
from warden.rules.s3._data_events import trails_recording

from warden.model import (
    ACCOUNT_RESOURCE_TYPE,
    ConfigurationItem,
    Severity,
    Trigger,
    Verdict,
    compliant,
    non_compliant,
)
from warden.registry import rule


@rule(
    id="cloudtrail-all-read-s3-data-event-check",
    title="A multi-region trail records S3 object-level read events for every bucket",
    resource_types=(ACCOUNT_RESOURCE_TYPE,),
    severity=Severity.MEDIUM,
    controls=("S3.23",),
    trigger=Trigger.PERIODIC,
    remediation="notify-only",
    attributes=("Trails",),
    cloudtrail=ACCOUNT_TRAIL_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when a logging multi-region trail records read data events for all S3 buckets (basic or
    advanced event selectors, not limited to some buckets or calls); NON_COMPLIANT otherwise."""
    recording = trails_recording(item.supplementary.get("Trails"), "ReadOnly")
    if recording:
        return compliant(f"Trail {recording[0]} records S3 read data events for every bucket.")
    return non_compliant(
        "No logging multi-region trail records S3 object-level read events for all buckets: add a data event "
        "selector for AWS::S3::Object."
    )
