from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._public_access_block import all_on, current, to_api

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation

CONFIG_TYPE = "AWS::S3::AccountPublicAccessBlock"


def rollback(plan: Plan) -> list[ApiCall]:
    previous = plan.before["publicAccessBlock"]
    if previous is None:
        return [ApiCall("s3control", "delete_public_access_block", {"AccountId": plan.account_id})]
    return [
        ApiCall(
            "s3control",
            "put_public_access_block",
            {"AccountId": plan.account_id, "PublicAccessBlockConfiguration": to_api(previous)},
        )
    ]


@remediation(
    id="s3-account-block-public-access",
    title="Turn on all four account-level Block Public Access settings",
    fixes=("s3-account-level-public-access-blocks",),
    permissions=("s3:GetAccountPublicAccessBlock", "s3:PutAccountPublicAccessBlock"),
    reversible=True,
    risk=Risk.HIGH,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Sets the four Block Public Access settings for the whole account (s3control). High risk: every
    bucket that relies on public access stops serving it."""
    block = (
        item.configuration
        if item.resource_type == CONFIG_TYPE
        else item.supplementary.get("PublicAccessBlockConfiguration")
    )
    before = {"publicAccessBlock": current(block)}
    if before["publicAccessBlock"] == all_on():
        return Change((), before, before)
    call = ApiCall(
        "s3control",
        "put_public_access_block",
        {"AccountId": item.account_id, "PublicAccessBlockConfiguration": to_api(all_on())},
    )
    return Change((call,), before, {"publicAccessBlock": all_on()})
