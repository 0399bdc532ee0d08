from __future__ import annotations

from tests.rules.cloudfront.conftest import with_s3_origin

RULE = "cloudfront-default-root-object-configured"


def test_root_object_is_compliant(distribution, evaluate_rule):
    item = distribution(RULE, DefaultRootObject="index.html")
    assert item.configuration["distributionConfig"]["defaultRootObject"] == "index.html"
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_custom_origins_only_are_not_applicable(distribution, evaluate_rule):
    assert evaluate_rule(RULE, distribution(RULE)).compliance == "NOT_APPLICABLE"


def test_s3_origin_without_root_object_is_non_compliant(config_shaped, evaluate_rule):
    result = evaluate_rule(RULE, config_shaped(with_s3_origin()))
    assert result.compliance == "NON_COMPLIANT"
    assert "default root object" in result.annotation


def test_config_shaped_item(config_shaped, evaluate_rule):
    assert evaluate_rule(RULE, config_shaped()).compliance == "NOT_APPLICABLE"
    assert evaluate_rule(RULE, config_shaped(lambda c: c.update(defaultRootObject="a.html"))).compliance == "COMPLIANT"
