from __future__ import annotations

RULE = "api-gwv2-access-logs-enabled"
DESTINATION = "arn:aws:logs:us-east-1:123456789012:log-group:api-access"


def test_http_stage_with_access_logs_is_compliant(v2_stage, evaluate_rule):
    item = v2_stage("HTTP", AccessLogSettings={"DestinationArn": DESTINATION, "Format": "$context.requestId"})
    result = evaluate_rule(RULE, item)
    assert result.compliance == "COMPLIANT"
    assert DESTINATION in result.annotation


def test_http_stage_without_access_logs_is_non_compliant(v2_stage, evaluate_rule):
    assert evaluate_rule(RULE, v2_stage("HTTP")).compliance == "NON_COMPLIANT"


def test_rest_stage_is_not_applicable(rest_stage, evaluate_rule):
    assert evaluate_rule(RULE, rest_stage()).compliance == "NOT_APPLICABLE"


def test_rdk_v2_item(config_item_from_file, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_ApiGatewayV2_Stage.json")
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
