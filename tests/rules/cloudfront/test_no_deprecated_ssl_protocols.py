from __future__ import annotations

from tests.rules.cloudfront.conftest import API_ORIGIN, with_s3_origin

RULE = "cloudfront-no-deprecated-ssl-protocols"


def _origin(*protocols, policy="https-only"):
    config = {
        **API_ORIGIN["CustomOriginConfig"],
        "OriginProtocolPolicy": policy,
        "OriginSslProtocols": {"Quantity": len(protocols), "Items": list(protocols)},
    }
    return {**API_ORIGIN, "CustomOriginConfig": config}


def test_tls_only_is_compliant(distribution, evaluate_rule):
    assert evaluate_rule(RULE, distribution(RULE, [_origin("TLSv1.2")])).compliance == "COMPLIANT"


def test_sslv3_is_non_compliant(distribution, evaluate_rule):
    assert evaluate_rule(RULE, distribution(RULE, [_origin("SSLv3", "TLSv1.2")])).compliance == "NON_COMPLIANT"


def test_sslv3_on_an_http_only_origin_is_never_used(distribution, evaluate_rule):
    item = distribution(RULE, [_origin("SSLv3", policy="http-only")])
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_s3_origins_only_are_not_applicable(config_shaped, evaluate_rule):
    assert evaluate_rule(RULE, config_shaped(with_s3_origin())).compliance == "NOT_APPLICABLE"


def test_config_shaped_item(config_shaped, evaluate_rule):
    assert evaluate_rule(RULE, config_shaped()).compliance == "NON_COMPLIANT"
