from __future__ import annotations

RULE = "s3-bucket-acl-prohibited"


def test_owner_only_acl_is_compliant(bucket, evaluate_rule):
    assert evaluate_rule(RULE, bucket(RULE)).compliance == "COMPLIANT"


def test_group_grant_is_non_compliant(bucket, evaluate_rule):
    result = evaluate_rule(RULE, bucket(RULE, lambda s3, n: s3.put_bucket_acl(Bucket=n, ACL="authenticated-read")))
    assert result.compliance == "NON_COMPLIANT"
    assert "AuthenticatedUsers" in result.annotation


def test_real_config_items(config_item_from_file, config_item, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_S3_Bucket.json")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::::Account", "123456789012")).compliance == "NOT_APPLICABLE"
