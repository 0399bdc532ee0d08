"""The desync fixes set AWS's default mode unless the rule's parameter excludes it."""

from __future__ import annotations

from warden.model import ConfigurationItem
from warden.registry import load_rules
from warden.remediation import load_remediations

ALB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/orders/50dc6c495c0c9188"


def _alb(mode: str) -> ConfigurationItem:
    return ConfigurationItem(
        resource_type="AWS::ElasticLoadBalancingV2::LoadBalancer",
        resource_id=ALB,
        arn=ALB,
        region="us-east-1",
        account_id="123456789012",
        configuration={"type": "application"},
        supplementary={"LoadBalancerAttributes": [{"key": "routing.http.desync_mitigation_mode", "value": mode}]},
    )


def _planned_mode(mode: str, **params: str) -> str | None:
    rule = load_rules().get("alb-desync-mode-check")
    plan = (
        load_remediations()
        .get("alb-set-desync-mitigation-mode")
        .plan(_alb(mode), rule, rule.resolve_parameters(params))
    )
    return plan.after["desyncMitigationMode"] if plan.calls else None


def test_monitor_becomes_defensive_by_default():
    assert _planned_mode("monitor") == "defensive"


def test_a_strictest_only_parameter_sets_strictest():
    assert _planned_mode("defensive", desyncModeType="strictest") == "strictest"


def test_an_allowed_mode_is_left_alone():
    assert _planned_mode("strictest") is None
