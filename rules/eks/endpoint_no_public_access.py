from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.eks._triggers import CLUSTER, cluster_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="eks-endpoint-no-public-access",
    title="EKS cluster endpoints are not publicly accessible",
    resource_types=(CLUSTER,),
    severity=Severity.HIGH,
    controls=("EKS.1",),
    remediation="notify-only",
    cloudtrail=cluster_events("UpdateClusterConfig"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the Kubernetes API endpoint has public access off; NON_COMPLIANT when it is public."""
    vpc = item.configuration.get("ResourcesVpcConfig") or {}
    if vpc.get("EndpointPublicAccess") is False:
        return compliant("The cluster endpoint is private.")
    cidrs = ", ".join(vpc.get("PublicAccessCidrs") or ["0.0.0.0/0"])
    return non_compliant(f"The cluster endpoint is public (from {cidrs}); turn on private access and off public.")
