from __future__ import annotations

RULE = "custom-eventbus-policy-attached"
BUS = "AWS::Events::EventBus"


def _bus(aws, moto_item, with_policy):
    events = aws.client("events")
    events.create_event_bus(Name="orders")
    if with_policy:
        events.put_permission(
            EventBusName="orders", Action="events:PutEvents", Principal="111122223333", StatementId="p"
        )
    return moto_item(BUS, "orders", RULE)


def test_bus_with_policy_is_compliant(aws, moto_item, evaluate_rule):
    result = evaluate_rule(RULE, _bus(aws, moto_item, with_policy=True))
    assert result.compliance == "COMPLIANT"
    assert result.resource_arn == "arn:aws:events:us-east-1:123456789012:event-bus/orders"


def test_bus_without_policy_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _bus(aws, moto_item, with_policy=False)).compliance == "NON_COMPLIANT"


def test_default_bus_is_not_applicable(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, moto_item(BUS, "default", RULE)).compliance == "NOT_APPLICABLE"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"Name": "orders", "Arn": "arn:aws:events:us-east-1:123456789012:event-bus/orders"}
    assert evaluate_rule(RULE, config_item(BUS, "orders", configuration=recorded)).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::SQS::Queue", "q")).compliance == "NOT_APPLICABLE"
