from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.apigateway._triggers import SOURCE

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import CloudTrailTrigger, rule

V2_ROUTE = "AWS::ApiGatewayV2::Route"
_ROUTE_ARN = "arn:aws:apigateway:{awsRegion}::/apis/{requestParameters.apiId}/routes/"
PARAMETERS = {
    "type": "object",
    "properties": {
        "authorizationType": {
            "type": "string",
            "enum": ["", "AWS_IAM", "CUSTOM", "JWT"],
            "default": "",
            "description": "When set, every route must use this authorization type.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="api-gwv2-authorization-type-configured",
    title="API Gateway v2 routes specify an authorization type",
    resource_types=(V2_ROUTE,),
    severity=Severity.MEDIUM,
    controls=("APIGateway.8",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=(
        CloudTrailTrigger(SOURCE, ("UpdateRoute",), V2_ROUTE, _ROUTE_ARN + "{requestParameters.routeId}"),
        CloudTrailTrigger(SOURCE, ("CreateRoute",), V2_ROUTE, _ROUTE_ARN + "{responseElements.routeId}"),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the route's authorization type is not NONE (and is `authorizationType` when that
    parameter is set); NON_COMPLIANT when it is NONE; NOT_APPLICABLE to a WebSocket API's routes other than
    $connect, which API Gateway cannot authorise."""
    route_key = item.configuration.get("routeKey")
    if item.supplementary.get("ApiProtocolType") == "WEBSOCKET" and route_key != "$connect":
        return not_applicable(f"WebSocket route {route_key} is authorised at $connect.")
    kind = item.configuration.get("authorizationType") or "NONE"
    if kind == "NONE":
        return non_compliant(f"Route {route_key} has no authorization: attach an IAM, JWT or Lambda authorizer.")
    wanted = params["authorizationType"]
    if wanted and kind != wanted:
        return non_compliant(f"Route {route_key} uses {kind}, not {wanted}.")
    return compliant(f"Route {route_key} uses {kind} authorization.")
