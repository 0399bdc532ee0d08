from __future__ import annotations

from tests.rules.cloudfront.conftest import with_s3_origin
from warden.collectors import collector_for

RULE = "cloudfront-s3-origin-non-existent-bucket"


def _read_buckets(aws, item):
    enriched, errors, _ = collector_for(item.resource_type).enrich(aws.clients, item, ["S3OriginBuckets"])
    assert errors == []
    return enriched


def test_existing_bucket_is_compliant(aws, config_shaped, evaluate_rule):
    aws.client("s3").create_bucket(Bucket="orders-assets")
    item = _read_buckets(aws, config_shaped(with_s3_origin()))
    assert item.supplementary["S3OriginBuckets"] == {"orders-assets": True}
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_missing_bucket_is_non_compliant(aws, config_shaped, evaluate_rule):
    item = _read_buckets(aws, config_shaped(with_s3_origin(domainName="gone.s3.eu-west-1.amazonaws.com")))
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT"
    assert "gone" in result.annotation


def test_custom_origins_only_are_not_applicable(distribution, evaluate_rule):
    item = distribution(RULE)
    assert item.supplementary["S3OriginBuckets"] == {}
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"
