from __future__ import annotations

from collections.abc import Callable

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

REST_STAGE = "AWS::ApiGateway::Stage"
V2_STAGE = "AWS::ApiGatewayV2::Stage"


@pytest.fixture
def rest_stage(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a REST API stage in moto with the given patch operations and read it back as Config would."""

    def create(*patches: tuple[str, str], rule: str | None = None) -> ConfigurationItem:
        client = aws.client("apigateway")
        api = client.create_rest_api(name="orders")
        root = client.get_resources(restApiId=api["id"])["items"][0]["id"]
        client.put_method(restApiId=api["id"], resourceId=root, httpMethod="GET", authorizationType="NONE")
        client.put_integration(restApiId=api["id"], resourceId=root, httpMethod="GET", type="MOCK")
        deployment = client.create_deployment(restApiId=api["id"])
        client.create_stage(restApiId=api["id"], stageName="prod", deploymentId=deployment["id"])
        if patches:
            client.update_stage(
                restApiId=api["id"],
                stageName="prod",
                patchOperations=[{"op": "replace", "path": path, "value": value} for path, value in patches],
            )
        return moto_item(REST_STAGE, f"arn:aws:apigateway:us-east-1::/restapis/{api['id']}/stages/prod", rule)

    return create


@pytest.fixture
def v2_stage(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    def create(protocol: str = "HTTP", **stage_args: object) -> ConfigurationItem:
        client = aws.client("apigatewayv2")
        extra = {"RouteSelectionExpression": "$request.body.action"} if protocol == "WEBSOCKET" else {}
        api = client.create_api(Name="events", ProtocolType=protocol, **extra)
        client.create_stage(ApiId=api["ApiId"], StageName="live", **stage_args)
        return moto_item(V2_STAGE, f"arn:aws:apigateway:us-east-1::/apis/{api['ApiId']}/stages/live")

    return create
