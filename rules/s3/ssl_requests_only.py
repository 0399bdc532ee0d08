from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.policy import actions_cover, condition_values, principal_is_everyone, resources_cover, statements
from warden.registry import rule


def denies_insecure_transport(statement: Mapping[str, Any], bucket_arn: str) -> bool:
    """A Deny for everyone, on every S3 action, on the bucket and all its objects, when TLS is off."""
    if statement.get("Effect") != "Deny" or "NotPrincipal" in statement or "NotAction" in statement:
        return False
    if not principal_is_everyone(statement.get("Principal")):
        return False
    if not actions_cover(statement.get("Action"), "s3:*"):
        return False
    resources = statement.get("Resource")
    if not (resources_cover(resources, bucket_arn) and resources_cover(resources, f"{bucket_arn}/*")):
        return False
    condition = statement.get("Condition") or {}
    values = condition_values(condition, "Bool", "aws:SecureTransport")
    # Any further condition narrows the deny to some requests only.
    other_clauses = sum(len(v) for v in condition.values() if isinstance(v, Mapping)) - 1
    return values is not None and other_clauses == 0 and all(str(v).lower() == "false" for v in values)


@rule(
    id="s3-bucket-ssl-requests-only",
    title="S3 bucket policies require requests to use TLS",
    resource_types=(BUCKET,),
    severity=Severity.MEDIUM,
    controls=("S3.5",),
    remediation="s3-enforce-ssl",
    attributes=("BucketPolicy",),
    cloudtrail=bucket_events("PutBucketPolicy", "DeleteBucketPolicy"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the bucket policy has a Deny for principal `*` on `s3:*` covering the bucket and
    its objects with `Bool aws:SecureTransport = false`; NON_COMPLIANT when the policy is missing or its
    deny covers only some actions, resources or principals."""
    policy = (item.supplementary.get("BucketPolicy") or {}).get("policyText")
    if not policy:
        return non_compliant("Bucket has no policy; add a Deny on s3:* for aws:SecureTransport=false.")
    if any(denies_insecure_transport(s, item.arn) for s in statements(policy)):
        return compliant("Bucket policy denies every request made without TLS.")
    return non_compliant(
        "Bucket policy does not deny all non-TLS requests: it needs a Deny for Principal *, Action s3:*, "
        f"Resource {item.arn} and {item.arn}/*, when aws:SecureTransport is false."
    )
