from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecs._ecs import CLUSTER, CLUSTER_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant
from warden.registry import rule


def container_insights(item: ConfigurationItem) -> str:
    settings = as_list(item.configuration.get("ClusterSettings"))
    return next((str(s.get("Value")) for s in settings if s.get("Name") == "containerInsights"), "disabled")


@rule(
    id="ecs-container-insights-enabled",
    title="ECS clusters use Container Insights",
    resource_types=(CLUSTER,),
    severity=Severity.MEDIUM,
    controls=("ECS.12",),
    remediation="ecs-enable-container-insights",
    cloudtrail=CLUSTER_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the cluster's containerInsights setting is enabled (or enhanced); NON_COMPLIANT when
    it is disabled or not set."""
    value = container_insights(item)
    if value in ("enabled", "enhanced"):
        return compliant(f"Container Insights is {value}.")
    return non_compliant("Container Insights is off; turn it on to collect task and service metrics.")
