from __future__ import annotations

RULE = "api-gw-cache-encrypted"


def test_encrypted_cache_is_compliant(rest_stage, evaluate_rule):
    item = rest_stage(
        ("/cacheClusterEnabled", "true"),
        ("/*/*/caching/enabled", "true"),
        ("/*/*/caching/dataEncrypted", "true"),
    )
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_unencrypted_cache_is_non_compliant(rest_stage, evaluate_rule):
    item = rest_stage(
        ("/cacheClusterEnabled", "true"),
        ("/*/*/caching/enabled", "true"),
        ("/*/*/caching/dataEncrypted", "false"),
    )
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT"
    assert "*/*" in result.annotation


def test_stage_without_cache_is_not_applicable(rest_stage, evaluate_rule):
    assert evaluate_rule(RULE, rest_stage()).compliance == "NOT_APPLICABLE"


def test_one_unencrypted_method_among_encrypted(config_item, evaluate_rule):
    item = config_item(
        "AWS::ApiGateway::Stage",
        configuration={
            "cacheClusterEnabled": True,
            "methodSettings": {
                "*/*": {"cachingEnabled": True, "cacheDataEncrypted": True},
                "orders/GET": {"cachingEnabled": True, "cacheDataEncrypted": False},
            },
        },
    )
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT"
    assert "orders/GET" in result.annotation and "*/*" not in result.annotation
