from __future__ import annotations

from tests.rules.cloudfront.conftest import API_ORIGIN, CACHING_OPTIMIZED

RULE = "cloudfront-associated-with-waf"
ACL = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/a1b2"


def test_web_acl_is_compliant(distribution, evaluate_rule):
    assert evaluate_rule(RULE, distribution(RULE, WebACLId=ACL)).compliance == "COMPLIANT"


def test_no_web_acl_is_non_compliant(distribution, evaluate_rule):
    assert evaluate_rule(RULE, distribution(RULE)).compliance == "NON_COMPLIANT"


def test_allowed_acls_are_a_parameter(config_shaped, evaluate_rule):
    item = config_shaped(lambda c: c.update(webACLId=ACL))
    assert evaluate_rule(RULE, item, wafWebAclIds=ACL).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, wafWebAclIds="other-acl,third").compliance == "NON_COMPLIANT"


def test_config_shaped_item_and_other_types(config_shaped, config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_shaped()).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"


def test_tags_are_read_for_exemptions(aws, moto_item):
    created = aws.client("cloudfront").create_distribution_with_tags(
        DistributionConfigWithTags={
            "DistributionConfig": {
                "CallerReference": "tagged",
                "Comment": "tagged",
                "Enabled": True,
                "Origins": {"Quantity": 1, "Items": [API_ORIGIN]},
                "DefaultCacheBehavior": {
                    "TargetOriginId": "api",
                    "ViewerProtocolPolicy": "redirect-to-https",
                    "CachePolicyId": CACHING_OPTIMIZED,
                },
            },
            "Tags": {"Items": [{"Key": "warden:exempt", "Value": RULE}]},
        }
    )
    item = moto_item("AWS::CloudFront::Distribution", created["Distribution"]["Id"])
    assert item.tags == {"warden:exempt": RULE}
