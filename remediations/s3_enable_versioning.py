from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Risk, remediation


@remediation(
    id="s3-enable-versioning",
    title="Enable bucket versioning",
    fixes=("s3-bucket-versioning-enabled",),
    permissions=("s3:GetBucketVersioning", "s3:PutBucketVersioning"),
    reversible=False,  # S3 can suspend versioning but never return a bucket to unversioned
    risk=Risk.LOW,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Sets versioning to Enabled (MFA delete is left as it is). Not reversible: S3 can only suspend it."""
    status = (item.supplementary.get("BucketVersioningConfiguration") or {}).get("status") or "Off"
    before = {"versioning": status}
    if status == "Enabled":
        return Change((), before, before)
    call = ApiCall(
        "s3", "put_bucket_versioning", {"Bucket": item.resource_id, "VersioningConfiguration": {"Status": "Enabled"}}
    )
    return Change((call,), before, {"versioning": "Enabled"})
