from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._public_access_block import all_on, current, to_api

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def rollback(plan: Plan) -> list[ApiCall]:
    previous = plan.before["publicAccessBlock"]
    if previous is None:
        return [ApiCall("s3", "delete_public_access_block", {"Bucket": plan.resource_id})]
    return [
        ApiCall(
            "s3",
            "put_public_access_block",
            {"Bucket": plan.resource_id, "PublicAccessBlockConfiguration": to_api(previous)},
        )
    ]


@remediation(
    id="s3-block-public-access",
    title="Turn on all four bucket Block Public Access settings",
    fixes=("s3-bucket-level-public-access-prohibited",),
    permissions=("s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock"),
    reversible=True,
    risk=Risk.HIGH,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Sets BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets on the bucket.
    High risk: a bucket that serves public content (a website) stops doing so."""
    before = {"publicAccessBlock": current(item.supplementary.get("PublicAccessBlockConfiguration"))}
    if before["publicAccessBlock"] == all_on():
        return Change((), before, before)
    call = ApiCall(
        "s3",
        "put_public_access_block",
        {"Bucket": item.resource_id, "PublicAccessBlockConfiguration": to_api(all_on())},
    )
    return Change((call,), before, {"publicAccessBlock": all_on()})
