from __future__ import annotations

from tests.rules.ecs.conftest import SERVICE

RULE = "ecs-service-assign-public-ip-disabled"


def test_private_service_is_compliant(service, evaluate_rule):
    assert evaluate_rule(RULE, service(RULE)).compliance == "COMPLIANT"


def test_public_ip_service_is_non_compliant(service, evaluate_rule):
    item = service(RULE, public_ip="ENABLED")
    assert item.configuration["NetworkConfiguration"]["AwsvpcConfiguration"]["AssignPublicIp"] == "ENABLED"
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_exempt_services_are_not_applicable(service, evaluate_rule):
    item = service(RULE, public_ip="ENABLED")
    assert evaluate_rule(RULE, item, exemptEcsServiceArns=item.arn).compliance == "NOT_APPLICABLE"


def test_config_item_shape(config_item, evaluate_rule):
    configuration = {
        "ServiceName": "orders",
        "NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "ENABLED"}},
    }
    assert evaluate_rule(RULE, config_item(SERVICE, "s", configuration=configuration)).compliance == "NON_COMPLIANT"
    bridge = {"ServiceName": "orders", "LaunchType": "EC2"}
    assert evaluate_rule(RULE, config_item(SERVICE, "s", configuration=bridge)).compliance == "COMPLIANT"
