from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._elb import modify_classic
from warden.rules.elb._balancer import classic_attributes

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def rollback(plan: Plan) -> list[ApiCall]:
    enabled = plan.before["crossZoneLoadBalancing"]
    return [modify_classic(plan.before["name"], {"CrossZoneLoadBalancing": {"Enabled": enabled}})]


@remediation(
    id="elb-enable-cross-zone-load-balancing",
    title="Enable cross-zone load balancing on a Classic Load Balancer",
    fixes=("elb-cross-zone-load-balancing-enabled",),
    permissions=("elasticloadbalancing:ModifyLoadBalancerAttributes",),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls ModifyLoadBalancerAttributes with CrossZoneLoadBalancing enabled only: each node then spreads
    requests over the instances of every enabled zone (Classic Load Balancers charge nothing for it)."""
    enabled = bool((classic_attributes(item).get("crossZoneLoadBalancing") or {}).get("enabled"))
    before = {"name": item.resource_id, "crossZoneLoadBalancing": enabled}
    if enabled:
        return Change((), before, before)
    call = modify_classic(item.resource_id, {"CrossZoneLoadBalancing": {"Enabled": True}})
    return Change((call,), before, {**before, "crossZoneLoadBalancing": True})
