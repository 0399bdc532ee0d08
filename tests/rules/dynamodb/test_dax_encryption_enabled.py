from __future__ import annotations

RULE = "dax-encryption-enabled"


def test_encrypted_cluster_is_compliant(dax_cluster, evaluate_rule):
    result = evaluate_rule(RULE, dax_cluster(RULE, SSESpecification={"Enabled": True}))
    assert result.compliance == "COMPLIANT"
    assert result.resource_arn == "arn:aws:dax:us-east-1:123456789012:cache/orders-cache"


def test_unencrypted_cluster_is_non_compliant(dax_cluster, evaluate_rule):
    assert evaluate_rule(RULE, dax_cluster(RULE, SSESpecification={"Enabled": False})).compliance == "NON_COMPLIANT"


def test_described_shape_and_other_types(config_item, evaluate_rule):
    # Config does not record DAX clusters: the item holds DescribeClusters in camelCase.
    described = {"clusterName": "orders-cache", "sSEDescription": {"status": "DISABLED"}}
    item = config_item("AWS::DAX::Cluster", "orders-cache", configuration=described)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::DynamoDB::Table", "t")).compliance == "NOT_APPLICABLE"
