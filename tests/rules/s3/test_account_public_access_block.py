from __future__ import annotations

RULE = "s3-account-level-public-access-blocks"
ALL_ON = {k: True for k in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")}


def test_account_block_on_is_compliant(aws, moto_item, evaluate_rule):
    aws.client("s3control").put_public_access_block(AccountId=aws.account_id, PublicAccessBlockConfiguration=ALL_ON)
    result = evaluate_rule(RULE, moto_item("AWS::::Account", aws.account_id, RULE))
    assert result.compliance == "COMPLIANT"
    assert result.resource_arn == f"arn:aws:iam::{aws.account_id}:root"


def test_account_block_missing_or_partial_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, moto_item("AWS::::Account", aws.account_id, RULE)).compliance == "NON_COMPLIANT"
    aws.client("s3control").put_public_access_block(
        AccountId=aws.account_id, PublicAccessBlockConfiguration={**ALL_ON, "BlockPublicPolicy": False}
    )
    result = evaluate_rule(RULE, moto_item("AWS::::Account", aws.account_id, RULE))
    assert result.compliance == "NON_COMPLIANT"
    assert "blockPublicPolicy" in result.annotation


def test_bucket_is_not_applicable(bucket, evaluate_rule):
    assert evaluate_rule(RULE, bucket(RULE)).compliance == "NOT_APPLICABLE"


def test_config_account_public_access_block_item(config_item_from_file, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_S3_AccountPublicAccessBlock.json")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
