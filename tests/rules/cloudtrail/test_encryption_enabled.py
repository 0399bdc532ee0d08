from __future__ import annotations

RULE = "cloud-trail-encryption-enabled"
KEY = "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab"


def test_kms_encrypted_trail_is_compliant(aws, trail, evaluate_rule):
    result = evaluate_rule(RULE, trail(RULE, KmsKeyId=KEY))
    assert result.compliance == "COMPLIANT"
    assert result.resource_arn == "arn:aws:cloudtrail:us-east-1:123456789012:trail/audit-trail"


def test_unencrypted_trail_is_non_compliant(trail, evaluate_rule):
    result = evaluate_rule(RULE, trail(RULE))
    assert result.compliance == "NON_COMPLIANT"
    assert "KMS" in result.annotation


def test_bucket_is_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"


def test_rdk_trail_without_key(config_item_from_file, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_Cloudtrail_Trail.json")
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
