from __future__ import annotations

import pytest

from tests.rules.cloudfront.conftest import CACHING_OPTIMIZED

RULE = "cloudfront-viewer-policy-https"


@pytest.mark.parametrize("policy", ["redirect-to-https", "https-only"])
def test_https_is_compliant(distribution, evaluate_rule, policy):
    item = distribution(RULE, DefaultCacheBehavior={"ViewerProtocolPolicy": policy})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_allow_all_on_any_behavior_is_non_compliant(distribution, evaluate_rule):
    other = {
        "PathPattern": "/legacy/*",
        "TargetOriginId": "api",
        "ViewerProtocolPolicy": "allow-all",
        "CachePolicyId": CACHING_OPTIMIZED,
    }
    result = evaluate_rule(RULE, distribution(RULE, CacheBehaviors={"Quantity": 1, "Items": [other]}))
    assert result.compliance == "NON_COMPLIANT"
    assert "/legacy/*" in result.annotation and "*," not in result.annotation


def test_config_shaped_item_and_other_types(config_shaped, config_item, evaluate_rule):
    result = evaluate_rule(RULE, config_shaped())
    assert result.compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"


def test_triggers_resolve_the_distribution_from_cloudtrail_records():
    """Records shaped as the CloudFront Developer Guide's CloudTrail examples (UpdateDistribution names the
    id in its request; CreateDistribution only in its response), trimmed to the fields Warden reads."""
    from warden.registry import load_rules

    update = {
        "eventSource": "cloudfront.amazonaws.com",
        "eventName": "UpdateDistribution",
        "awsRegion": "us-east-1",
        "requestParameters": {
            "id": "EDFDVBD6EXAMPLE",
            "ifMatch": "E1RTLUR9YES76O",
            "distributionConfig": {"defaultCacheBehavior": {"viewerProtocolPolicy": "allow-all"}},
        },
        "responseElements": {"distribution": {"id": "EDFDVBD6EXAMPLE"}, "eTag": "E1YHBLAB2BJY1G"},
    }
    create = {**update, "eventName": "CreateDistribution", "requestParameters": {"distributionConfig": {}}}
    triggers = load_rules().get(RULE).cloudtrail
    by_event = {event: t for t in triggers for event in t.events}
    assert by_event["UpdateDistribution"].resolve_resource_id(update) == "EDFDVBD6EXAMPLE"
    assert by_event["CreateDistribution"].resolve_resource_id(create) == "EDFDVBD6EXAMPLE"
