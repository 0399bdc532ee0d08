from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _auto_accept(gateway_id: str, setting: str) -> ApiCall:
    return ApiCall(
        "ec2",
        "modify_transit_gateway",
        {"TransitGatewayId": gateway_id, "Options": {"AutoAcceptSharedAttachments": setting}},
    )


def rollback(plan: Plan) -> list[ApiCall]:
    return [_auto_accept(plan.resource_id, plan.before["AutoAcceptSharedAttachments"])]


@remediation(
    id="ec2-disable-transit-gateway-auto-accept",
    title="Require transit gateway VPC attachment requests to be accepted",
    fixes=("ec2-transit-gateway-auto-vpc-attach-disabled",),
    permissions=("ec2:DescribeTransitGateways", "ec2:ModifyTransitGateway"),
    reversible=True,
    risk=Risk.HIGH,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls ModifyTransitGateway with AutoAcceptSharedAttachments=disable and no other option. Attachments
    already made stay; new cross-account requests wait as pendingAcceptance until someone accepts them, so an
    automation that attaches VPCs from other accounts needs an acceptance step (hence high risk)."""
    before = {"AutoAcceptSharedAttachments": item.configuration.get("AutoAcceptSharedAttachments")}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    return Change((_auto_accept(item.resource_id, "disable"),), before, {"AutoAcceptSharedAttachments": "disable"})
