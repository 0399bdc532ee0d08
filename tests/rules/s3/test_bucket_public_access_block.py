from __future__ import annotations

RULE = "s3-bucket-level-public-access-prohibited"
ALL_ON = {k: True for k in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")}


def test_all_four_settings_on_is_compliant(bucket, evaluate_rule):
    item = bucket(RULE, lambda s3, n: s3.put_public_access_block(Bucket=n, PublicAccessBlockConfiguration=ALL_ON))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_one_setting_off_is_non_compliant(bucket, evaluate_rule):
    partial = {**ALL_ON, "RestrictPublicBuckets": False}
    item = bucket(RULE, lambda s3, n: s3.put_public_access_block(Bucket=n, PublicAccessBlockConfiguration=partial))
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT"
    assert "restrictPublicBuckets" in result.annotation and "blockPublicAcls" not in result.annotation


def test_no_block_configured_is_non_compliant(bucket, evaluate_rule):
    item = bucket(RULE)
    assert "PublicAccessBlockConfiguration" not in item.supplementary  # absent, as Config records it
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_account_item_is_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::::Account", "123456789012")).compliance == "NOT_APPLICABLE"


def test_rdk_bucket_without_block(config_item_from_file, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_S3_Bucket.json")
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
