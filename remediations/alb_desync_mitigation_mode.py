from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import preferred_desync_mode
from warden.rules.elb.alb_desync_mode_check import ATTRIBUTE, desync_mode

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _set_mode(arn: str, mode: str) -> ApiCall:
    return ApiCall(
        "elbv2",
        "modify_load_balancer_attributes",
        {"LoadBalancerArn": arn, "Attributes": [{"Key": ATTRIBUTE, "Value": mode}]},
    )


def rollback(plan: Plan) -> list[ApiCall]:
    return [_set_mode(plan.before["arn"], plan.before["desyncMitigationMode"])]


@remediation(
    id="alb-set-desync-mitigation-mode",
    title="Set an Application Load Balancer's desync mitigation mode to defensive",
    fixes=("alb-desync-mode-check",),
    permissions=("elasticloadbalancing:ModifyLoadBalancerAttributes",),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Sets `routing.http.desync_mitigation_mode` to defensive (AWS's default; the first allowed mode when
    `desyncModeType` excludes it); other attributes are kept. Defensive mode blocks only requests that are
    clearly malformed."""
    current = desync_mode(item)
    before = {"arn": item.arn, "desyncMitigationMode": current}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    mode = preferred_desync_mode(params["desyncModeType"])
    return Change((_set_mode(item.arn, mode),), before, {**before, "desyncMitigationMode": mode})
