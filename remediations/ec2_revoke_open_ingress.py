from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from warden.remediations._ec2 import single_sources, source_of, to_config

from warden.model import ConfigurationItem, as_list
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def rollback(plan: Plan) -> list[ApiCall]:
    permissions = plan.before["offending"]
    return [
        ApiCall("ec2", "authorize_security_group_ingress", {"GroupId": plan.resource_id, "IpPermissions": permissions})
    ]


def offending(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each single-source permission that, alone in the group, makes the rule fail."""
    found = []
    for permission in as_list(item.configuration.get("ipPermissions")):
        for single in single_sources(permission):
            alone = dataclasses.replace(
                item, configuration={**item.configuration, "ipPermissions": [to_config(single)]}
            )
            if rule.run(alone, params).compliance == "NON_COMPLIANT":
                found.append(single)
    return found


@remediation(
    id="ec2-revoke-open-ingress",
    title="Revoke the ingress permissions that open the group to the internet",
    fixes=(
        "vpc-sg-restricted-common-ports",
        "vpc-sg-open-only-to-authorized-ports",
        "restricted-ssh",
        "restricted-rdp",
    ),
    permissions=("ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupIngress"),
    reversible=True,
    risk=Risk.HIGH,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Revokes only the offending source ranges (e.g. 0.0.0.0/0 on port 22), leaving every other rule
    and every other source of the same rule in place. High risk: whoever reached the port from the
    internet no longer can."""
    bad = offending(item, rule, params)
    before = {"offending": bad}
    if not bad:
        return Change((), before, before)
    call = ApiCall("ec2", "revoke_security_group_ingress", {"GroupId": item.resource_id, "IpPermissions": bad})
    return Change((call,), before, {"offending": [], "revoked": [source_of(p) for p in bad]})
