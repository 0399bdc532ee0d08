from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._ec2 import single_sources

from warden.model import ConfigurationItem, as_list
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _all(item: ConfigurationItem, key: str) -> list[dict[str, Any]]:
    return [single for permission in as_list(item.configuration.get(key)) for single in single_sources(permission)]


def _calls(verb: str, group_id: str, rules: Mapping[str, list[dict[str, Any]]]) -> list[ApiCall]:
    """`verb` (revoke or authorize) each direction's rules that are present."""
    return [
        ApiCall("ec2", f"{verb}_security_group_{direction}", {"GroupId": group_id, "IpPermissions": rules[direction]})
        for direction in ("ingress", "egress")
        if rules[direction]
    ]


def rollback(plan: Plan) -> list[ApiCall]:
    return _calls("authorize", plan.resource_id, plan.before)


@remediation(
    id="ec2-close-default-security-group",
    title="Remove every rule from an unused VPC default security group",
    fixes=("vpc-default-security-group-closed",),
    permissions=(
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeNetworkInterfaces",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:AuthorizeSecurityGroupEgress",
    ),
    reversible=True,
    risk=Risk.HIGH,
    rollback=rollback,
    attributes=("NetworkInterfaceIds",),
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Revokes all ingress and egress rules of a default group that no network interface uses. A group in
    use is left alone with a manual action: closing it would cut traffic to whatever is attached."""
    before = {"ingress": _all(item, "ipPermissions"), "egress": _all(item, "ipPermissionsEgress")}
    if not before["ingress"] and not before["egress"]:
        return Change((), before, before)
    in_use = as_list(item.supplementary.get("NetworkInterfaceIds"))
    if in_use:
        action = (
            f"The default group is attached to {len(in_use)} network interface(s) ({', '.join(in_use[:3])}); move them "
            "to dedicated security groups, then remove the default group's rules."
        )
        return Change((), before, before, manual_action=action)
    calls = _calls("revoke", item.resource_id, before)
    return Change(tuple(calls), before, {"ingress": [], "egress": []})
