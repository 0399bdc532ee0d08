from __future__ import annotations

from tests.rules.cloudfront.conftest import with_s3_origin

RULE = "cloudfront-s3-origin-access-control-enabled"


def test_origin_access_control_is_compliant(config_shaped, evaluate_rule):
    item = config_shaped(with_s3_origin(originAccessControlId="E2OAC1"))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_no_origin_access_control_is_non_compliant(config_shaped, evaluate_rule):
    assert evaluate_rule(RULE, config_shaped(with_s3_origin())).compliance == "NON_COMPLIANT"


def test_origin_access_identity_does_not_count(config_shaped, evaluate_rule):
    legacy = with_s3_origin(s3OriginConfig={"originAccessIdentity": "origin-access-identity/cloudfront/E1"})
    assert evaluate_rule(RULE, config_shaped(legacy)).compliance == "NON_COMPLIANT"


def test_custom_origins_only_are_not_applicable(distribution, evaluate_rule):
    assert evaluate_rule(RULE, distribution(RULE)).compliance == "NOT_APPLICABLE"
