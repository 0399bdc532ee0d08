"""CloudTrail events that change API Gateway stages, shared by the stage rules."""

from __future__ import annotations

from warden.registry import CloudTrailTrigger

SOURCE = "apigateway.amazonaws.com"
REST_STAGE = "AWS::ApiGateway::Stage"
V2_STAGE = "AWS::ApiGatewayV2::Stage"
_REST_STAGE_ARN = "arn:aws:apigateway:{awsRegion}::/restapis/{requestParameters.restApiId}/stages/"
_V2_STAGE_ARN = "arn:aws:apigateway:{awsRegion}::/apis/{requestParameters.apiId}/stages/"

REST_STAGE_EVENTS = (
    CloudTrailTrigger(SOURCE, ("UpdateStage",), REST_STAGE, _REST_STAGE_ARN + "{requestParameters.stageName}"),
    CloudTrailTrigger(
        SOURCE, ("CreateStage",), REST_STAGE, _REST_STAGE_ARN + "{requestParameters.createStageInput.stageName}"
    ),
    CloudTrailTrigger(
        SOURCE,
        ("CreateDeployment",),
        REST_STAGE,
        _REST_STAGE_ARN + "{requestParameters.createDeploymentInput.stageName}",
    ),
)

V2_STAGE_EVENTS = (
    CloudTrailTrigger(
        SOURCE, ("CreateStage", "UpdateStage"), V2_STAGE, _V2_STAGE_ARN + "{requestParameters.stageName}"
    ),
)
