"""Whether a trail records S3 object-level (data) events for every bucket, for reads or for writes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import as_list

ALL_BUCKETS = frozenset({"arn:aws:s3", "arn:aws:s3:::", "arn:aws:s3:::*"})


def _basic(selector: Mapping[str, Any], kind: str) -> bool:
    if selector.get("readWriteType", "All") not in ("All", kind):
        return False
    return any(
        resource.get("type") == "AWS::S3::Object" and ALL_BUCKETS & set(as_list(resource.get("values")))
        for resource in as_list(selector.get("dataResources"))
    )


def _advanced(selector: Mapping[str, Any], kind: str) -> bool:
    fields = {f.get("field"): f for f in as_list(selector.get("fieldSelectors"))}
    if "Data" not in as_list(fields.get("eventCategory", {}).get("equals")):
        return False
    if "AWS::S3::Object" not in as_list(fields.get("resources.type", {}).get("equals")):
        return False
    if "resources.ARN" in fields or "eventName" in fields:
        return False  # limited to some buckets or some calls
    read_only = as_list(fields.get("readOnly", {}).get("equals"))
    return not read_only or read_only == ["true" if kind == "ReadOnly" else "false"]


def records_s3_data_events(trail: Mapping[str, Any], kind: str) -> bool:
    """`kind` is ReadOnly or WriteOnly, as CloudTrail's readWriteType names them."""
    advanced = as_list(trail.get("advancedEventSelectors"))
    if advanced:
        return any(_advanced(s, kind) for s in advanced)
    return any(_basic(s, kind) for s in as_list(trail.get("eventSelectors")))


def trails_recording(trails: Any, kind: str) -> list[str]:
    return [
        str(t.get("name"))
        for t in as_list(trails)
        if t.get("isMultiRegionTrail") and t.get("isLogging") and records_s3_data_events(t, kind)
    ]
