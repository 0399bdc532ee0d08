from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._elb import modify_classic
from warden.rules.elb._balancer import preferred_desync_mode
from warden.rules.elb.clb_desync_mode_check import ATTRIBUTE, desync_mode

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _set_mode(name: str, mode: str) -> ApiCall:
    return modify_classic(name, {"AdditionalAttributes": [{"Key": ATTRIBUTE, "Value": mode}]})


def rollback(plan: Plan) -> list[ApiCall]:
    return [_set_mode(plan.before["name"], plan.before["desyncMitigationMode"])]


@remediation(
    id="clb-set-desync-mitigation-mode",
    title="Set a Classic Load Balancer's desync mitigation mode to defensive",
    fixes=("clb-desync-mode-check",),
    permissions=("elasticloadbalancing:ModifyLoadBalancerAttributes",),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Sets the `elb.http.desyncmitigationmode` additional attribute to defensive (AWS's default; the first
    allowed mode when `desyncMode` excludes it); other attributes are kept. Defensive mode blocks only
    requests that are clearly malformed."""
    current = desync_mode(item)
    before = {"name": item.resource_id, "desyncMitigationMode": current}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    mode = preferred_desync_mode(params["desyncMode"])
    return Change((_set_mode(item.resource_id, mode),), before, {**before, "desyncMitigationMode": mode})
