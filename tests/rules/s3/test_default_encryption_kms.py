from __future__ import annotations

RULE = "s3-default-encryption-kms"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1b2c"


def _encryption(algorithm, key=None):
    def setup(s3, name):
        default = {"SSEAlgorithm": algorithm, **({"KMSMasterKeyID": key} if key else {})}
        s3.put_bucket_encryption(
            Bucket=name, ServerSideEncryptionConfiguration={"Rules": [{"ApplyServerSideEncryptionByDefault": default}]}
        )

    return setup


def test_kms_is_compliant(bucket, evaluate_rule):
    item = bucket(RULE, _encryption("aws:kms", KEY))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, kmsKeyArns="arn:aws:kms:us-east-1:123456789012:key/other").compliance == (
        "NON_COMPLIANT"
    )


def test_sse_s3_and_none_are_non_compliant(bucket, evaluate_rule):
    result = evaluate_rule(RULE, bucket(RULE, _encryption("AES256")))
    assert result.compliance == "NON_COMPLIANT" and "AES256" in result.annotation
    assert evaluate_rule(RULE, bucket(RULE)).compliance == "NON_COMPLIANT"


def test_config_shaped_item_and_other_types(config_item, evaluate_rule):
    sse = {"rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms:dsse"}}]}
    item = config_item("AWS::S3::Bucket", "b", supplementary={"ServerSideEncryptionConfiguration": sse})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::::Account", "123456789012")).compliance == "NOT_APPLICABLE"
