from __future__ import annotations

RULE = "s3-bucket-mfa-delete-enabled"


def test_versioning_without_mfa_delete_is_non_compliant(bucket, evaluate_rule):
    item = bucket(RULE, lambda s3, n: s3.put_bucket_versioning(Bucket=n, VersioningConfiguration={"Status": "Enabled"}))
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_mfa_delete_is_compliant(config_item, evaluate_rule):
    """moto cannot turn MFA delete on (it needs the root user's MFA), so this is Config's shape."""
    versioning = {"status": "Enabled", "isMfaDeleteEnabled": True}
    item = config_item("AWS::S3::Bucket", "b", supplementary={"BucketVersioningConfiguration": versioning})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_real_items_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_S3_Bucket.json")
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::::Account", "123456789012")).compliance == "NOT_APPLICABLE"
