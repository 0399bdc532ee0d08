from __future__ import annotations

from tests.rules.eks.conftest import CLUSTER, config_cluster

RULE = "eks-secrets-encrypted"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def test_encrypted_secrets_are_compliant(cluster, evaluate_rule):
    item = cluster(RULE, encryptionConfig=[{"resources": ["secrets"], "provider": {"keyArn": KEY}}])
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_unencrypted_secrets_are_non_compliant(cluster, evaluate_rule):
    assert evaluate_rule(RULE, cluster(RULE)).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_key_parameter(config_item, evaluate_rule):
    encrypted = config_cluster(EncryptionConfig=[{"Resources": ["secrets"], "Provider": {"KeyArn": KEY}}])
    item = config_item(CLUSTER, "shop", configuration=encrypted)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, kmsKeyArns="arn:aws:kms:us-east-1:123456789012:key/other").compliance == (
        "NON_COMPLIANT"
    )
    assert evaluate_rule(RULE, config_item("AWS::ECS::Cluster", "c")).compliance == "NOT_APPLICABLE"
