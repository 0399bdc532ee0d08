from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3._public import WRITE_ACTIONS, WRITE_PERMISSIONS, public_grants, public_statements
from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="s3-bucket-public-write-prohibited",
    title="S3 buckets do not allow public write access",
    resource_types=(BUCKET,),
    severity=Severity.CRITICAL,
    controls=("S3.3",),
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
    policies are restricted) lets everyone or every AWS user write, delete or change ACLs; NON_COMPLIANT
    naming the grant or statement that does."""
    opened = public_grants(item, WRITE_PERMISSIONS) + public_statements(item, WRITE_ACTIONS)
    if opened:
        return non_compliant(f"Public write through {', '.join(opened)}: remove it or turn on Block Public Access.")
    return compliant("Neither the ACL nor the bucket policy allows public writes.")
