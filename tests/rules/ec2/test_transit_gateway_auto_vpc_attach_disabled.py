from __future__ import annotations

RULE = "ec2-transit-gateway-auto-vpc-attach-disabled"
TRANSIT_GATEWAY = "AWS::EC2::TransitGateway"


def _gateway(aws, moto_item, auto_accept: str):
    options = {"AutoAcceptSharedAttachments": auto_accept}
    gateway = aws.client("ec2").create_transit_gateway(Options=options)["TransitGateway"]["TransitGatewayId"]
    return moto_item(TRANSIT_GATEWAY, gateway, RULE)


def test_gateway_requiring_acceptance_is_compliant(aws, moto_item, evaluate_rule):
    item = _gateway(aws, moto_item, "disable")
    assert item.configuration["Id"] == item.resource_id
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_auto_accepting_gateway_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _gateway(aws, moto_item, "enable")).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"Id": "tgw-1", "AmazonSideAsn": 64512, "AutoAcceptSharedAttachments": "enable", "DnsSupport": "enable"}
    assert evaluate_rule(RULE, config_item(TRANSIT_GATEWAY, "tgw-1", configuration=recorded)).compliance == (
        "NON_COMPLIANT"
    )
    assert evaluate_rule(RULE, config_item("AWS::EC2::VPC", "vpc-1")).compliance == "NOT_APPLICABLE"


def test_triggers_resolve_the_gateway_from_records():
    from warden.registry import load_rules

    create, modify = load_rules().get(RULE).cloudtrail
    created = {"responseElements": {"CreateTransitGatewayResponse": {"transitGateway": {"transitGatewayId": "tgw-1"}}}}
    assert create.resolve_resource_id(created) == "tgw-1"
    modified = {"requestParameters": {"ModifyTransitGatewayRequest": {"TransitGatewayId": "tgw-2", "Options": {}}}}
    assert modify.resolve_resource_id(modified) == "tgw-2"
