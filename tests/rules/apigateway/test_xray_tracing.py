from __future__ import annotations

RULE = "api-gw-xray-enabled"


def test_tracing_enabled_is_compliant(rest_stage, evaluate_rule):
    assert evaluate_rule(RULE, rest_stage(("/tracingEnabled", "true"))).compliance == "COMPLIANT"


def test_tracing_disabled_is_non_compliant(rest_stage, evaluate_rule):
    result = evaluate_rule(RULE, rest_stage())
    assert result.compliance == "NON_COMPLIANT"
    assert result.severity == "LOW"


def test_http_api_stage_is_not_applicable(v2_stage, evaluate_rule):
    assert evaluate_rule(RULE, v2_stage("HTTP")).compliance == "NOT_APPLICABLE"


def test_rdk_item_without_tracing(config_item_from_file, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_ApiGateway_Stage.json")
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
