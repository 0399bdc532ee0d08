from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecs.container_insights_enabled import container_insights

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _insights(cluster: str, value: str) -> ApiCall:
    return ApiCall(
        "ecs", "update_cluster", {"cluster": cluster, "settings": [{"name": "containerInsights", "value": value}]}
    )


def rollback(plan: Plan) -> list[ApiCall]:
    return [_insights(plan.resource_id, plan.before["containerInsights"])]


@remediation(
    id="ecs-enable-container-insights",
    title="Turn on Container Insights for the ECS cluster",
    fixes=("ecs-container-insights-enabled",),
    permissions=("ecs:DescribeClusters", "ecs:UpdateCluster"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls UpdateCluster with the containerInsights setting enabled (the cluster's only setting); tasks
    keep running and metrics start flowing to CloudWatch, where they are billed as custom metrics."""
    before = {"containerInsights": container_insights(item)}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    return Change((_insights(item.resource_id, "enabled"),), before, {"containerInsights": "enabled"})
