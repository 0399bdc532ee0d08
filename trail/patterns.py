"""EventBridge event patterns derived from the CloudTrail events each rule declares."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from warden.registry import Rule

CLOUDTRAIL_DETAIL_TYPE = "AWS API Call via CloudTrail"


def source_for(event_source: str) -> str:
    """`s3.amazonaws.com` is delivered by EventBridge with source `aws.s3`."""
    return f"aws.{event_source.split('.', 1)[0]}"


def event_patterns(rules: Iterable[Rule]) -> list[dict[str, Any]]:
    """One pattern per AWS service: its event source and every event name a rule watches."""
    by_source: dict[str, set[str]] = {}
    for rule in rules:
        for trigger in rule.cloudtrail:
            by_source.setdefault(trigger.source, set()).update(trigger.events)
    return [
        {
            "source": [source_for(event_source)],
            "detail-type": [CLOUDTRAIL_DETAIL_TYPE],
            "detail": {"eventSource": [event_source], "eventName": sorted(names)},
        }
        for event_source, names in sorted(by_source.items())
    ]
