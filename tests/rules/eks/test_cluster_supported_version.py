from __future__ import annotations

import pytest

from tests.rules.eks.conftest import CLUSTER, config_cluster

RULE = "eks-cluster-supported-version"


def test_current_version_is_compliant(cluster, evaluate_rule):
    assert evaluate_rule(RULE, cluster(RULE, version="1.35")).compliance == "COMPLIANT"


def test_old_version_is_non_compliant(cluster, evaluate_rule):
    result = evaluate_rule(RULE, cluster(RULE, version="1.29"))
    assert result.compliance == "NON_COMPLIANT" and "1.29" in result.annotation


@pytest.mark.parametrize(
    ("version", "expected"), [("1.9", "NON_COMPLIANT"), ("1.34", "COMPLIANT"), ("1.100", "COMPLIANT")]
)
def test_versions_compare_as_numbers(config_item, evaluate_rule, version, expected):
    item = config_item(CLUSTER, "shop", configuration=config_cluster(Version=version))
    assert evaluate_rule(RULE, item).compliance == expected


def test_the_oldest_version_is_a_parameter(config_item, evaluate_rule):
    item = config_item(CLUSTER, "shop", configuration=config_cluster(Version="1.31"))
    assert evaluate_rule(RULE, item, oldestVersionSupported="1.30").compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::ECS::Cluster", "c")).compliance == "NOT_APPLICABLE"
