"""The ALB redirect beyond the shared contract: no HTTPS listener means a manual action and no change."""

from __future__ import annotations

from tests.remediations.conftest import write_calls
from tests.rules.elb.conftest import LOAD_BALANCER_V2, create_balancer, forward
from warden.registry import load_rules

RULE = "alb-http-to-https-redirection-check"


def test_without_an_https_listener_nothing_changes_and_the_action_is_named(aws, moto_item, remediator):
    arn, group = create_balancer(aws)
    aws.client("elbv2").create_listener(LoadBalancerArn=arn, Protocol="HTTP", Port=80, DefaultActions=forward(group))
    evaluation = load_rules().get(RULE).run(moto_item(LOAD_BALANCER_V2, arn, RULE))
    before = dict(aws.clients.calls)
    result = remediator().handle(evaluation)
    assert "no HTTPS listener" in (result.plan.manual_action or "")
    assert result.outcome != "REMEDIATED"
    assert write_calls(aws.clients, before) == {}
