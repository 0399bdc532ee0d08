from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.eks.cluster_log_enabled import enabled_log_types

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _logging(cluster: str, types: list[str], enabled: bool) -> ApiCall:
    logging = {"clusterLogging": [{"types": types, "enabled": enabled}]}
    return ApiCall("eks", "update_cluster_config", {"name": cluster, "logging": logging})


def rollback(plan: Plan) -> list[ApiCall]:
    turned_on = [t for t in plan.after["enabledLogTypes"] if t not in plan.before["enabledLogTypes"]]
    return [_logging(plan.resource_id, turned_on, False)]


@remediation(
    id="eks-enable-audit-logging",
    title="Turn on the EKS control plane log types the rule requires",
    fixes=("eks-cluster-log-enabled",),
    permissions=("eks:DescribeCluster", "eks:UpdateClusterConfig"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls UpdateClusterConfig enabling only the missing log types (audit by default), so the log types
    already on stay on; logs go to CloudWatch Logs group /aws/eks/<cluster>/cluster, billed as ingestion.
    EKS applies the change asynchronously, within minutes."""
    enabled = enabled_log_types(item)
    before = {"enabledLogTypes": enabled}
    missing = [t for t in params["logTypes"] if t not in enabled]
    if not missing:
        return Change((), before, before)
    after = {"enabledLogTypes": enabled + missing}
    return Change((_logging(item.resource_id, missing, True),), before, after)
