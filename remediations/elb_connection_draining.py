from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._elb import modify_classic
from warden.rules.elb._balancer import classic_attributes

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation

# AWS's default timeout (describe reports it even while draining is off): five minutes for requests in flight.
DEFAULT_TIMEOUT = 300


def _draining(enabled: bool, timeout: int) -> dict[str, Any]:
    return {"ConnectionDraining": {"Enabled": enabled, "Timeout": timeout}}


def rollback(plan: Plan) -> list[ApiCall]:
    before = plan.before["connectionDraining"]
    return [modify_classic(plan.before["name"], _draining(before["enabled"], before["timeout"]))]


@remediation(
    id="elb-enable-connection-draining",
    title="Enable connection draining on a Classic Load Balancer",
    fixes=("elb-connection-draining-enabled",),
    permissions=("elasticloadbalancing:ModifyLoadBalancerAttributes",),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls ModifyLoadBalancerAttributes with ConnectionDraining enabled and its configured timeout (300 s by
    default); no other attribute changes, and no request is dropped. Rollback turns draining off again."""
    draining = classic_attributes(item).get("connectionDraining") or {}
    state = {"enabled": bool(draining.get("enabled")), "timeout": int(draining.get("timeout") or DEFAULT_TIMEOUT)}
    before = {"name": item.resource_id, "connectionDraining": state}
    if state["enabled"]:
        return Change((), before, before)
    call = modify_classic(item.resource_id, _draining(True, state["timeout"]))
    return Change((call,), before, {**before, "connectionDraining": {**state, "enabled": True}})
