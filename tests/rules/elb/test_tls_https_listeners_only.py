from __future__ import annotations

from tests.rules.elb.conftest import CLASSIC, certificate, classic_configuration

RULE = "elb-tls-https-listeners-only"


def test_https_and_ssl_listeners_are_compliant(aws, classic_balancer, evaluate_rule):
    item = classic_balancer(RULE, (("HTTPS", 443, certificate(aws)), ("SSL", 8443, certificate(aws))))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_an_http_listener_is_non_compliant(aws, classic_balancer, evaluate_rule):
    result = evaluate_rule(RULE, classic_balancer(RULE, (("HTTPS", 443, certificate(aws)), ("HTTP", 80, None))))
    assert result.compliance == "NON_COMPLIANT" and "HTTP:80" in result.annotation


def test_no_listener_is_not_applicable(classic_balancer, evaluate_rule):
    assert evaluate_rule(RULE, classic_balancer(RULE, ())).compliance == "NOT_APPLICABLE"


def test_config_shaped_item(config_item, evaluate_rule):
    tcp = {"protocol": "TCP", "loadBalancerPort": 25, "instanceProtocol": "TCP", "instancePort": 25}
    assert evaluate_rule(RULE, config_item(CLASSIC, "legacy", configuration=classic_configuration(tcp))).compliance == (
        "NON_COMPLIANT"
    )


def test_classic_listener_events_name_the_load_balancer_and_skip_v2_creations():
    from warden.registry import load_rules

    trigger = load_rules().get(RULE).cloudtrail[0]
    added = {"eventName": "CreateLoadBalancerListeners", "requestParameters": {"loadBalancerName": "legacy"}}
    v2_created = {"eventName": "CreateLoadBalancer", "requestParameters": {"name": "orders", "type": "application"}}
    assert "CreateLoadBalancerListeners" in trigger.events and trigger.resolve_resource_id(added) == "legacy"
    assert trigger.resolve_resource_id(v2_created) is None
