from __future__ import annotations

from tests.rules.eks.conftest import CLUSTER, config_cluster

RULE = "eks-cluster-log-enabled"


def test_audit_logging_is_compliant(cluster, evaluate_rule):
    item = cluster(RULE, logging={"clusterLogging": [{"types": ["api", "audit"], "enabled": True}]})
    assert item.configuration["Logging"] == {"ClusterLogging": {"EnabledTypes": [{"Type": "api"}, {"Type": "audit"}]}}
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_no_audit_logging_is_non_compliant(cluster, evaluate_rule):
    item = cluster(
        RULE,
        logging={"clusterLogging": [{"types": ["api"], "enabled": True}, {"types": ["audit"], "enabled": False}]},
    )
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT" and "audit" in result.annotation


def test_the_log_types_are_a_parameter(config_item, evaluate_rule):
    item = config_item(CLUSTER, "shop", configuration=config_cluster())
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, logTypes="audit,authenticator").compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::ECS::Cluster", "c")).compliance == "NOT_APPLICABLE"
