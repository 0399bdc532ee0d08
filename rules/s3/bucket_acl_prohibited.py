from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3._public import grantee_name, grants
from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="s3-bucket-acl-prohibited",
    title="S3 buckets do not use ACLs to grant access",
    resource_types=(BUCKET,),
    severity=Severity.MEDIUM,
    controls=("S3.12",),
    remediation="notify-only",
    attributes=("AccessControlList",),
    cloudtrail=bucket_events("PutBucketAcl", "PutBucketOwnershipControls"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the ACL grants nothing beyond the owner's own grant; NON_COMPLIANT when it grants
    another account, a group (everyone, any AWS user, log delivery) or an e-mail address."""
    acl = item.supplementary.get("AccessControlList") or {}
    owner = grantee_name((acl.get("owner") or {}).get("id"))
    others = sorted({grantee_name(g.get("grantee")) for g in grants(item)} - {owner})
    if others:
        shown = ", ".join(o if len(o) <= 20 else f"{o[:12]}..." for o in others)  # canonical ids are long
        return non_compliant(f"ACL grants access to {shown}: use the bucket policy and BucketOwnerEnforced.")
    return compliant("The ACL grants only the bucket owner.")
