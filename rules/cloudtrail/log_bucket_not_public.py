from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudtrail._triggers import TRAIL, trail_events

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.public_access import public_statements
from warden.registry import rule

PUBLIC_GROUPS = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


@rule(
    id="cloudtrail-s3-bucket-not-public",
    title="The S3 bucket CloudTrail logs to is not publicly accessible",
    resource_types=(TRAIL,),
    severity=Severity.CRITICAL,
    controls=("CloudTrail.6",),
    # The bucket changes without naming the trail, so the check also runs on a schedule.
    trigger=Trigger.BOTH,
    remediation="notify-only",
    attributes=("LogBucketAccess",),
    cloudtrail=trail_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the trail's log bucket grants nothing to AllUsers or AuthenticatedUsers and its policy
    allows no one at large, or Block Public Access neutralises them; NON_COMPLIANT otherwise. Security Hub
    has no Config managed rule behind CloudTrail.6; `cloudtrail-s3-bucket-not-public` is Warden's id."""
    access = item.supplementary.get("LogBucketAccess") or {}
    block = access.get("publicAccessBlockConfiguration") or {}
    bucket = access.get("bucketName") or item.configuration.get("s3BucketName")
    exposures = []
    if any(g in PUBLIC_GROUPS for g in access.get("grantees") or []) and not block.get("ignorePublicAcls"):
        exposures.append("its ACL grants access to all (authenticated) users")
    if public_statements(access.get("policyText")) and not block.get("restrictPublicBuckets"):
        exposures.append("its policy allows anyone")
    if exposures:
        return non_compliant(f"Log bucket {bucket} is public: {' and '.join(exposures)}; block public access on it.")
    return compliant(f"Log bucket {bucket} is not publicly accessible.")
