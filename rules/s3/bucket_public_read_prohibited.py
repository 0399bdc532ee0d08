from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3._public import READ_ACTIONS, READ_PERMISSIONS, public_grants, public_statements
from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="s3-bucket-public-read-prohibited",
    title="S3 buckets do not allow public read access",
    resource_types=(BUCKET,),
    severity=Severity.CRITICAL,
    controls=("S3.2",),
    remediation="notify-only",
    attributes=("AccessControlList", "BucketPolicy", "PublicAccessBlockConfiguration"),
    cloudtrail=bucket_events(
        "PutBucketAcl",
        "PutBucketPolicy",
        "DeleteBucketPolicy",
        "PutBucketPublicAccessBlock",
        "DeleteBucketPublicAccessBlock",
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when neither the ACL (unless public ACLs are ignored) nor the policy (unless public
    policies are restricted) lets everyone or every AWS user read; NON_COMPLIANT naming the grant or
    statement that does. A conditional statement is not counted as public. Account-level Block Public
    Access is S3.1's to check."""
    opened = public_grants(item, READ_PERMISSIONS) + public_statements(item, READ_ACTIONS)
    if opened:
        return non_compliant(f"Public read through {', '.join(opened)}: remove it or turn on Block Public Access.")
    return compliant("Neither the ACL nor the bucket policy allows public reads.")
