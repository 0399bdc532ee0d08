from __future__ import annotations

import pytest

RULE = "api-gwv2-authorization-type-configured"
ROUTE = "AWS::ApiGatewayV2::Route"


@pytest.fixture
def route(aws, moto_item):
    def create(authorization="NONE", protocol="HTTP", key="GET /orders"):
        client = aws.client("apigatewayv2")
        extra = {"RouteSelectionExpression": "$request.body.action"} if protocol == "WEBSOCKET" else {}
        api = client.create_api(Name="orders", ProtocolType=protocol, **extra)["ApiId"]
        route_id = client.create_route(ApiId=api, RouteKey=key, AuthorizationType=authorization)["RouteId"]
        return moto_item(ROUTE, f"arn:aws:apigateway:us-east-1::/apis/{api}/routes/{route_id}", RULE)

    return create


def test_authorised_route_is_compliant(route, evaluate_rule):
    item = route("AWS_IAM")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, authorizationType="JWT").compliance == "NON_COMPLIANT"


def test_route_without_authorization_is_non_compliant(route, evaluate_rule):
    result = evaluate_rule(RULE, route())
    assert result.compliance == "NON_COMPLIANT"
    assert "GET /orders" in result.annotation


def test_websocket_message_routes_are_not_applicable(route, evaluate_rule):
    assert evaluate_rule(RULE, route(protocol="WEBSOCKET", key="sendmessage")).compliance == "NOT_APPLICABLE"
    assert evaluate_rule(RULE, route(protocol="WEBSOCKET", key="$connect")).compliance == "NON_COMPLIANT"


def test_config_shaped_item_and_odd_ids(aws, config_item, evaluate_rule):
    from warden.collectors import collector_for

    item = config_item(
        ROUTE, "arn:aws:apigateway:us-east-1::/apis/a1/routes/r1", configuration={"routeKey": "$default"}
    )
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert collector_for(ROUTE).get_item(aws.clients, "us-east-1", aws.account_id, "not-a-route") is None
