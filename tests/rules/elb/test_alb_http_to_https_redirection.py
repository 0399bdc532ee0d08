from __future__ import annotations

from tests.rules.elb.conftest import LOAD_BALANCER_V2, forward, redirect

RULE = "alb-http-to-https-redirection-check"


def test_http_listener_redirecting_is_compliant(balancer, evaluate_rule):
    item = balancer(RULE, (("HTTP", 80, lambda g: redirect()), ("HTTPS", 443, forward)))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_https_only_is_compliant(balancer, evaluate_rule):
    assert evaluate_rule(RULE, balancer(RULE, (("HTTPS", 443, forward),))).compliance == "COMPLIANT"


def test_http_listener_forwarding_is_non_compliant(balancer, evaluate_rule):
    result = evaluate_rule(RULE, balancer(RULE, (("HTTP", 80, forward), ("HTTPS", 443, forward))))
    assert result.compliance == "NON_COMPLIANT"
    assert "80" in result.annotation


def test_network_load_balancer_is_not_applicable(balancer, evaluate_rule):
    item = balancer(RULE, (("TCP", 80, forward),), kind="network")
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"


def test_config_shaped_item(config_item, evaluate_rule):
    """Config records the load balancer's describe shape; listeners are a resource of their own there."""
    listener = {"protocol": "HTTP", "port": 8080, "defaultActions": [{"type": "fixed-response"}]}
    item = config_item(
        LOAD_BALANCER_V2,
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/orders/50dc6c495c0c9188",
        configuration={"type": "application", "scheme": "internet-facing", "dNSName": "orders.elb.amazonaws.com"},
        supplementary={"Listeners": [listener]},
    )
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_create_listener_resolves_the_load_balancer():
    from warden.registry import load_rules

    arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/orders/50dc6c495c0c9188"
    record = {"eventName": "CreateListener", "requestParameters": {"loadBalancerArn": arn, "protocol": "HTTP"}}
    created = {"eventName": "CreateLoadBalancer", "responseElements": {"loadBalancers": [{"loadBalancerArn": arn}]}}
    triggers = {e: t for t in load_rules().get(RULE).cloudtrail for e in t.events}
    assert triggers["CreateListener"].resolve_resource_id(record) == arn
    assert triggers["CreateLoadBalancer"].resolve_resource_id(created) == arn
    assert triggers["CreateLoadBalancer"].resolve_resource_id({"responseElements": {"loadBalancers": []}}) is None


def test_modify_listener_reads_the_listener_s_load_balancer(aws, balancer, moto_item, evaluate_rule):
    from warden.registry import load_rules

    item = balancer(RULE, (("HTTP", 80, lambda g: redirect()), ("HTTPS", 443, forward)))
    by_protocol = {li["protocol"]: li for li in item.supplementary["Listeners"]}
    listener = by_protocol["HTTP"]
    group = by_protocol["HTTPS"]["defaultActions"][0]["targetGroupArn"]
    aws.client("elbv2").modify_listener(ListenerArn=listener["listenerArn"], DefaultActions=forward(group))
    record = {"eventName": "ModifyListener", "requestParameters": {"listenerArn": listener["listenerArn"]}}
    trigger = next(t for t in load_rules().get(RULE).cloudtrail if "ModifyListener" in t.events)
    reread = moto_item(LOAD_BALANCER_V2, trigger.resolve_resource_id(record), RULE)
    assert reread.resource_id == item.resource_id
    assert evaluate_rule(RULE, reread).compliance == "NON_COMPLIANT"
