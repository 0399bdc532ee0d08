from __future__ import annotations

from tests.rules.ecr.conftest import REPOSITORY, config_repository

RULE = "ecr-repository-cmk-encryption-enabled"


def test_customer_managed_key_is_compliant(aws, repository, evaluate_rule):
    key = aws.client("kms").create_key()["KeyMetadata"]["Arn"]
    item = repository(RULE, encryptionConfiguration={"encryptionType": "KMS", "kmsKey": key})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_the_allowed_keys_are_a_parameter(aws, repository, evaluate_rule):
    key = aws.client("kms").create_key()["KeyMetadata"]["Arn"]
    item = repository(RULE, encryptionConfiguration={"encryptionType": "KMS", "kmsKey": key})
    other = "arn:aws:kms:us-east-1:123456789012:key/other"
    assert evaluate_rule(RULE, item, kmsKeyArns=other).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, item, kmsKeyArns=f"{other},{key}").compliance == "COMPLIANT"


def test_aes256_is_non_compliant(repository, evaluate_rule):
    result = evaluate_rule(RULE, repository(RULE))
    assert result.compliance == "NON_COMPLIANT" and "AES256" in result.annotation


def test_aws_managed_key_is_non_compliant(config_item, evaluate_rule):
    recorded = config_repository(
        EncryptionConfiguration={"EncryptionType": "KMS", "KmsKey": "arn:aws:kms:us-east-1:123456789012:key/aws-ecr"}
    )
    item = config_item(REPOSITORY, "orders", configuration=recorded, supplementary={"EncryptionKeyManager": "AWS"})
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT" and "aws/ecr" in result.annotation


def test_other_types_are_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::KMS::Key", "k")).compliance == "NOT_APPLICABLE"
