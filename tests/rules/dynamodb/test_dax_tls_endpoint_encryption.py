from __future__ import annotations

RULE = "dax-tls-endpoint-encryption"


def test_tls_cluster_is_compliant(dax_cluster, evaluate_rule):
    assert evaluate_rule(RULE, dax_cluster(RULE, ClusterEndpointEncryptionType="TLS")).compliance == "COMPLIANT"


def test_plaintext_cluster_is_non_compliant(dax_cluster, evaluate_rule):
    result = evaluate_rule(RULE, dax_cluster(RULE, ClusterEndpointEncryptionType="NONE"))
    assert result.compliance == "NON_COMPLIANT"
    assert "NONE" in result.annotation


def test_described_shape_and_other_types(config_item, evaluate_rule):
    item = config_item("AWS::DAX::Cluster", "orders-cache", configuration={"clusterName": "orders-cache"})
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::DynamoDB::Table", "t")).compliance == "NOT_APPLICABLE"
