from __future__ import annotations

RULE = "lambda-function-settings-check"


def test_supported_runtime_is_compliant(function, evaluate_rule):
    assert evaluate_rule(RULE, function(RULE, Runtime="python3.13")).compliance == "COMPLIANT"


def test_deprecated_runtime_is_non_compliant(function, evaluate_rule):
    result = evaluate_rule(RULE, function(RULE, Runtime="python3.8"))
    assert result.compliance == "NON_COMPLIANT"
    assert "python3.8" in result.annotation


def test_the_runtime_list_is_a_parameter(function, evaluate_rule):
    item = function(RULE, Runtime="python3.12")
    assert evaluate_rule(RULE, item, runtime="python3.13,nodejs22.x").compliance == "NON_COMPLIANT"


def test_images_and_os_only_runtimes_are_not_applicable(config_item, evaluate_rule):
    image = config_item("AWS::Lambda::Function", "img", configuration={"packageType": "Image"})
    assert evaluate_rule(RULE, image).compliance == "NOT_APPLICABLE"
    custom = config_item(
        "AWS::Lambda::Function", "c", configuration={"packageType": "Zip", "runtime": "provided.al2023"}
    )
    assert evaluate_rule(RULE, custom).compliance == "NOT_APPLICABLE"


def test_config_item_shape(config_item, evaluate_rule):
    recorded = {"functionName": "orders", "runtime": "nodejs16.x", "packageType": "Zip", "handler": "index.handler"}
    item = config_item("AWS::Lambda::Function", "orders", configuration=recorded)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
