from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.eks._triggers import CLUSTER, cluster_events

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "oldestVersionSupported": {
            "type": "string",
            "pattern": r"^\d+\.\d+$",
            # The oldest version in EKS standard support on 2026-11-30; follow the EKS release calendar.
            "default": "1.34",
            "description": "The oldest Kubernetes version in EKS standard support.",
        }
    },
    "additionalProperties": False,
}


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


@rule(
    id="eks-cluster-supported-version",
    title="EKS clusters run a Kubernetes version in standard support",
    resource_types=(CLUSTER,),
    severity=Severity.HIGH,
    trigger=Trigger.BOTH,
    controls=("EKS.2",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=cluster_events("UpdateClusterVersion"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the cluster's Kubernetes version is at least oldestVersionSupported; NON_COMPLIANT
    when it is older."""
    version = str(item.configuration.get("Version") or "")
    oldest = params["oldestVersionSupported"]
    if version and _version(version) >= _version(oldest):
        return compliant(f"Kubernetes {version} is supported.")
    return non_compliant(f"Kubernetes {version or 'version unknown'} is older than {oldest}; upgrade the cluster.")
