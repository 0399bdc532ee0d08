from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.eks._triggers import CLUSTER, cluster_events

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant
from warden.registry import rule

LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
PARAMETERS = {
    "type": "object",
    "properties": {
        "logTypes": {
            "type": "array",
            "items": {"enum": LOG_TYPES},
            "minItems": 1,
            "default": ["audit"],
            "description": "Control plane log types that must be on (Security Hub: audit).",
        }
    },
    "additionalProperties": False,
}


def enabled_log_types(item: ConfigurationItem) -> list[str]:
    logging = (item.configuration.get("Logging") or {}).get("ClusterLogging") or {}
    return [str(entry.get("Type")) for entry in as_list(logging.get("EnabledTypes"))]


@rule(
    id="eks-cluster-log-enabled",
    title="EKS clusters send audit logs to CloudWatch",
    resource_types=(CLUSTER,),
    severity=Severity.MEDIUM,
    controls=("EKS.8",),
    parameters=PARAMETERS,
    remediation="eks-enable-audit-logging",
    cloudtrail=cluster_events("UpdateClusterConfig"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every type in `logTypes` is among the cluster's enabled control plane log types;
    NON_COMPLIANT naming the missing ones."""
    missing = [t for t in params["logTypes"] if t not in enabled_log_types(item)]
    if missing:
        return non_compliant(f"Control plane logging is off for {', '.join(missing)}; enable it.")
    return compliant(f"Control plane logs enabled for {', '.join(params['logTypes'])}.")
