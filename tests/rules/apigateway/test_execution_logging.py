from __future__ import annotations

import dataclasses

import pytest

RULE = "api-gw-execution-logging-enabled"


@pytest.mark.parametrize("level", ["ERROR", "INFO"])
def test_rest_stage_logging_at_allowed_level_is_compliant(rest_stage, evaluate_rule, level):
    item = rest_stage(("/*/*/logging/loglevel", level))
    result = evaluate_rule(RULE, item)
    assert result.compliance == "COMPLIANT"
    assert level in result.annotation


def test_rest_stage_without_logging_is_non_compliant(rest_stage, evaluate_rule):
    result = evaluate_rule(RULE, rest_stage())
    assert result.compliance == "NON_COMPLIANT"
    assert "loggingLevel" in result.annotation
    assert result.controls == ("APIGateway.1",)
    assert result.resource_arn.startswith("arn:aws:apigateway:us-east-1::/restapis/")


def test_rest_stage_logging_off_is_non_compliant(rest_stage, evaluate_rule):
    item = rest_stage(("/*/*/logging/loglevel", "OFF"))
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_parameter_narrows_allowed_levels(rest_stage, evaluate_rule):
    item = rest_stage(("/*/*/logging/loglevel", "ERROR"))
    assert evaluate_rule(RULE, item, loggingLevel=["INFO"]).compliance == "NON_COMPLIANT"
    # AWS Config passes parameters as strings
    assert evaluate_rule(RULE, item, loggingLevel="ERROR,INFO").compliance == "COMPLIANT"


def test_method_override_to_off_is_non_compliant(config_item, evaluate_rule):
    item = config_item(
        "AWS::ApiGateway::Stage",
        configuration={"methodSettings": {"*/*": {"loggingLevel": "INFO"}, "orders/POST": {"loggingLevel": "OFF"}}},
    )
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT"
    assert "orders/POST" in result.annotation


def test_http_api_stage_is_not_applicable(v2_stage, evaluate_rule):
    assert evaluate_rule(RULE, v2_stage("HTTP")).compliance == "NOT_APPLICABLE"


def test_websocket_stage_uses_default_route_settings(v2_stage, evaluate_rule):
    item = v2_stage("WEBSOCKET", DefaultRouteSettings={"LoggingLevel": "INFO"})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    off = v2_stage("WEBSOCKET")
    assert evaluate_rule(RULE, off).compliance == "NON_COMPLIANT"


def test_deleted_stage_is_not_applicable(rest_stage, evaluate_rule):
    item = dataclasses.replace(rest_stage(), status="ResourceDeleted")
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"


def test_real_config_items(config_item_from_file, evaluate_rule, samples):
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_ApiGateway_Stage.json")
    assert evaluate_rule(RULE, rdk).compliance == "NON_COMPLIANT"
    recorded = samples / "config-items/custodian_placebo_apigw_stage_SelectResourceConfig.json"
    for index in range(3):
        item = config_item_from_file(recorded, index, "AWS::ApiGateway::Stage")
        assert item.resource_type == "AWS::ApiGateway::Stage"
        # none of the recorded stages sets a logging level
        assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
