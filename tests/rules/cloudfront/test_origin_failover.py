from __future__ import annotations

from tests.rules.cloudfront.conftest import API_ORIGIN

RULE = "cloudfront-origin-failover-enabled"
SECOND = {**API_ORIGIN, "Id": "api-dr", "DomainName": "def456.execute-api.us-west-2.amazonaws.com"}


def _group(*members):
    return {
        "Quantity": 1,
        "Items": [
            {
                "Id": "api-group",
                "FailoverCriteria": {"StatusCodes": {"Quantity": 2, "Items": [500, 503]}},
                "Members": {"Quantity": len(members), "Items": [{"OriginId": m} for m in members]},
            }
        ],
    }


def test_group_with_two_origins_is_compliant(distribution, evaluate_rule):
    item = distribution(RULE, [API_ORIGIN, SECOND], OriginGroups=_group("api", "api-dr"))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_no_group_is_non_compliant(distribution, evaluate_rule):
    assert evaluate_rule(RULE, distribution(RULE)).compliance == "NON_COMPLIANT"


def test_config_shaped_items(config_shaped, config_item, evaluate_rule):
    one_member = {"quantity": 1, "items": [{"id": "g", "members": {"quantity": 1, "items": [{"originId": "api"}]}}]}
    result = evaluate_rule(RULE, config_shaped(lambda c: c.update(originGroups=one_member)))
    assert result.compliance == "NON_COMPLIANT" and "g" in result.annotation
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"
