"""moto implements no EventBridge global endpoints: the listing is pinned with Stubber."""

from __future__ import annotations

from botocore.stub import Stubber

from warden.collectors import collector_for

RULE = "global-endpoint-event-replication-enabled"
ENDPOINT = "AWS::Events::Endpoint"
ARN = "arn:aws:events:us-east-1:123456789012:endpoint/orders-failover"


def _listed(state):
    return {
        "Name": "orders-failover",
        "Arn": ARN,
        "RoutingConfig": {
            "FailoverConfig": {
                "Primary": {"HealthCheck": "arn:aws:route53:::healthcheck/abc"},
                "Secondary": {"Route": "us-west-2"},
            }
        },
        "ReplicationConfig": {"State": state},
        "EventBuses": [
            {"EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/orders"},
            {"EventBusArn": "arn:aws:events:us-west-2:123456789012:event-bus/orders"},
        ],
        "State": "ACTIVE",
    }


def _scan(aws, state):
    with Stubber(aws.client("events")) as stub:
        stub.add_response("list_endpoints", {"Endpoints": [_listed(state)]}, {})
        (item,) = collector_for(ENDPOINT).list_items(aws.clients, "us-east-1", "123456789012")
        stub.assert_no_pending_responses()
    return item


def test_replicating_endpoint_is_compliant(aws, evaluate_rule):
    result = evaluate_rule(RULE, _scan(aws, "ENABLED"))
    assert (result.compliance, result.resource_arn) == ("COMPLIANT", ARN)


def test_endpoint_without_replication_is_non_compliant(aws, evaluate_rule):
    assert evaluate_rule(RULE, _scan(aws, "DISABLED")).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"Name": "orders-failover", "Arn": ARN, "ReplicationConfig": {"State": "DISABLED"}}
    item = config_item(ENDPOINT, "orders-failover", configuration=recorded)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::Events::EventBus", "b")).compliance == "NOT_APPLICABLE"
