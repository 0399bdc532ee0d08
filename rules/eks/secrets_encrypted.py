from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.eks._triggers import CLUSTER, cluster_events

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "kmsKeyArns": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "KMS key ARNs the secrets must be encrypted with; empty accepts any key.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="eks-secrets-encrypted",
    title="EKS clusters encrypt Kubernetes secrets with KMS",
    resource_types=(CLUSTER,),
    severity=Severity.MEDIUM,
    controls=("EKS.3",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=cluster_events("AssociateEncryptionConfig"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when an encryption configuration covers the `secrets` resource (with one of `kmsKeyArns`
    when given); NON_COMPLIANT otherwise."""
    keys = [
        (entry.get("Provider") or {}).get("KeyArn")
        for entry in as_list(item.configuration.get("EncryptionConfig"))
        if "secrets" in as_list(entry.get("Resources"))
    ]
    if not keys:
        return non_compliant("Kubernetes secrets are not envelope-encrypted with KMS; associate an encryption config.")
    if params["kmsKeyArns"] and not set(keys) & set(params["kmsKeyArns"]):
        return non_compliant(f"Secrets are encrypted with {', '.join(map(str, keys))}, not one of kmsKeyArns.")
    return compliant("Kubernetes secrets are encrypted with KMS.")
