from __future__ import annotations

from tests.rules.eks.conftest import CLUSTER, config_cluster

RULE = "eks-endpoint-no-public-access"


def test_private_endpoint_is_compliant(cluster, evaluate_rule):
    assert evaluate_rule(RULE, cluster(RULE)).compliance == "COMPLIANT"


def test_public_endpoint_is_non_compliant(cluster, evaluate_rule):
    assert evaluate_rule(RULE, cluster(RULE, public=True)).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    public = config_cluster(ResourcesVpcConfig={"EndpointPublicAccess": True, "PublicAccessCidrs": ["0.0.0.0/0"]})
    result = evaluate_rule(RULE, config_item(CLUSTER, "shop", configuration=public))
    assert result.compliance == "NON_COMPLIANT" and "0.0.0.0/0" in result.annotation
    assert evaluate_rule(RULE, config_item("AWS::ECS::Cluster", "c")).compliance == "NOT_APPLICABLE"
