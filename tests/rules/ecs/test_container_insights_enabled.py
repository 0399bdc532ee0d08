from __future__ import annotations

import pytest

from tests.rules.ecs.conftest import CLUSTER

RULE = "ecs-container-insights-enabled"


def _cluster(aws, moto_item, settings=None):
    aws.client("ecs").create_cluster(clusterName="shop", **({"settings": settings} if settings else {}))
    return moto_item(CLUSTER, "shop", RULE)


def test_insights_enabled_is_compliant(aws, moto_item, evaluate_rule):
    item = _cluster(aws, moto_item, [{"name": "containerInsights", "value": "enabled"}])
    assert item.configuration["ClusterSettings"] == [{"Name": "containerInsights", "Value": "enabled"}]
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_insights_off_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _cluster(aws, moto_item)).compliance == "NON_COMPLIANT"


@pytest.mark.parametrize(
    ("settings", "expected"),
    [([{"Name": "containerInsights", "Value": "enhanced"}], "COMPLIANT"), ([], "NON_COMPLIANT")],
)
def test_config_item_shape(config_item, evaluate_rule, settings, expected):
    item = config_item(CLUSTER, "shop", configuration={"ClusterName": "shop", "ClusterSettings": settings})
    assert evaluate_rule(RULE, item).compliance == expected
    assert evaluate_rule(RULE, config_item("AWS::ECS::Service", "s")).compliance == "NOT_APPLICABLE"
