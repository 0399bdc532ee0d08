from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem, decode_policy_document
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation

SID = "WardenDenyInsecureTransport"


def tls_statement(bucket_arn: str) -> dict[str, Any]:
    return {
        "Sid": SID,
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [bucket_arn, f"{bucket_arn}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def merged_policy(current: Mapping[str, Any] | None, bucket_arn: str) -> dict[str, Any]:
    """The current policy with Warden's statement added, or replaced under its fixed Sid."""
    policy = dict(current or {"Version": "2012-10-17"})
    statements = policy.get("Statement", [])
    statements = [statements] if isinstance(statements, Mapping) else list(statements)
    kept = [s for s in statements if s.get("Sid") != SID]
    policy["Statement"] = [*kept, tls_statement(bucket_arn)]
    return policy


def rollback(plan: Plan) -> list[ApiCall]:
    previous = plan.before["policy"]
    if previous is None:
        return [ApiCall("s3", "delete_bucket_policy", {"Bucket": plan.resource_id})]
    return [ApiCall("s3", "put_bucket_policy", {"Bucket": plan.resource_id, "Policy": json.dumps(previous)})]


@remediation(
    id="s3-enforce-ssl",
    title="Add a Deny for non-TLS requests to the bucket policy",
    fixes=("s3-bucket-ssl-requests-only",),
    permissions=("s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Merges a Deny on `aws:SecureTransport = false` for every S3 action on the bucket and its objects
    into the existing policy under Sid WardenDenyInsecureTransport, keeping every other statement; creates
    the policy if there is none."""
    current = decode_policy_document((item.supplementary.get("BucketPolicy") or {}).get("policyText"))
    before = {"policy": current}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    wanted = merged_policy(current, item.arn)
    call = ApiCall("s3", "put_bucket_policy", {"Bucket": item.resource_id, "Policy": json.dumps(wanted)})
    return Change((call,), before, {"policy": wanted})
