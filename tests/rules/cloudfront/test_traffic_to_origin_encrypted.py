from __future__ import annotations

from tests.rules.cloudfront.conftest import API_ORIGIN, with_s3_origin

RULE = "cloudfront-traffic-to-origin-encrypted"


def _origin(policy):
    return {**API_ORIGIN, "CustomOriginConfig": {**API_ORIGIN["CustomOriginConfig"], "OriginProtocolPolicy": policy}}


def test_https_only_origin_is_compliant(distribution, evaluate_rule):
    assert evaluate_rule(RULE, distribution(RULE)).compliance == "COMPLIANT"


def test_http_only_origin_is_non_compliant(distribution, evaluate_rule):
    result = evaluate_rule(RULE, distribution(RULE, [_origin("http-only")]))
    assert result.compliance == "NON_COMPLIANT"
    assert "api (http-only)" in result.annotation


def test_match_viewer_depends_on_the_viewer_policy(distribution, evaluate_rule):
    assert evaluate_rule(RULE, distribution(RULE, [_origin("match-viewer")])).compliance == "COMPLIANT"
    open_viewers = distribution(
        RULE, [_origin("match-viewer")], DefaultCacheBehavior={"ViewerProtocolPolicy": "allow-all"}
    )
    assert evaluate_rule(RULE, open_viewers).compliance == "NON_COMPLIANT"


def test_s3_origins_only_are_not_applicable(config_shaped, evaluate_rule):
    assert evaluate_rule(RULE, config_shaped(with_s3_origin())).compliance == "NOT_APPLICABLE"


def test_config_shaped_item(config_shaped, evaluate_rule):
    assert evaluate_rule(RULE, config_shaped()).compliance == "NON_COMPLIANT"
