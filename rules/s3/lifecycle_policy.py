from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "targetTransitionDays": {
            "type": "integer",
            "minimum": 0,
            "default": 0,
            "description": "When above 0, a transition after exactly this many days is required.",
        },
        "targetExpirationDays": {
            "type": "integer",
            "minimum": 0,
            "default": 0,
            "description": "When above 0, expiration after exactly this many days is required.",
        },
        "targetTransitionStorageClass": {
            "type": "string",
            "enum": ["", "STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER", "GLACIER_IR", "DEEP_ARCHIVE"],
            "default": "",
            "description": "When set, a transition to this storage class is required.",
        },
    },
    "additionalProperties": False,
}


def _expiration_days(lifecycle_rule: Mapping[str, Any]) -> Any:
    # Config writes the Java SDK's `expirationInDays`; the API nests it under `expiration.days`.
    return lifecycle_rule.get("expirationInDays") or (lifecycle_rule.get("expiration") or {}).get("days")


def _matches(lifecycle_rule: Mapping[str, Any], params: Mapping[str, Any]) -> bool:
    """Unset targets (0 days, no storage class) match anything."""
    expiration = params["targetExpirationDays"]
    if expiration and _expiration_days(lifecycle_rule) != expiration:
        return False
    days, storage_class = params["targetTransitionDays"], params["targetTransitionStorageClass"]
    if not days and not storage_class:
        return True
    return any(
        (not days or t.get("days") == days) and (not storage_class or t.get("storageClass") == storage_class)
        for t in as_list(lifecycle_rule.get("transitions"))
    )


@rule(
    id="s3-lifecycle-policy-check",
    title="S3 buckets have lifecycle rules",
    resource_types=(BUCKET,),
    severity=Severity.LOW,
    controls=("S3.13",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("BucketLifecycleConfiguration",),
    cloudtrail=bucket_events("PutBucketLifecycle", "DeleteBucketLifecycle"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when an enabled lifecycle rule exists that matches the optional targets (transition days
    and storage class, expiration days); NON_COMPLIANT when there is none."""
    rules = as_list((item.supplementary.get("BucketLifecycleConfiguration") or {}).get("rules"))
    enabled = [r for r in rules if str(r.get("status", "")).lower() == "enabled"]
    if not enabled:
        return non_compliant("Bucket has no enabled lifecycle rule: add one to transition or expire objects.")
    if not any(_matches(r, params) for r in enabled):
        return non_compliant("No enabled lifecycle rule matches the required transition or expiration.")
    return compliant(f"{len(enabled)} enabled lifecycle rule(s).")
