from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudtrail._triggers import TRAIL, trail_events

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="cloudtrail-s3-bucket-access-logging",
    title="The S3 bucket CloudTrail logs to has server access logging enabled",
    resource_types=(TRAIL,),
    severity=Severity.LOW,
    controls=("CloudTrail.7",),
    trigger=Trigger.BOTH,
    remediation="notify-only",
    attributes=("LogBucketLogging",),
    cloudtrail=trail_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the trail's log bucket has server access logging to a target bucket; NON_COMPLIANT
    otherwise. Security Hub has no Config managed rule behind CloudTrail.7; the id is Warden's."""
    logging = item.supplementary.get("LogBucketLogging") or {}
    bucket = logging.get("bucketName") or item.configuration.get("s3BucketName")
    target = logging.get("destinationBucketName")
    if target:
        return compliant(f"Access to log bucket {bucket} is logged to {target}.")
    return non_compliant(f"Log bucket {bucket} has no server access logging; nobody can see who read the logs.")
