from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.dynamodb._triggers import DAX_CLUSTER, DAX_EVENTS

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="dax-encryption-enabled",
    title="DynamoDB Accelerator (DAX) clusters are encrypted at rest",
    resource_types=(DAX_CLUSTER,),
    severity=Severity.MEDIUM,
    controls=("DynamoDB.3",),
    trigger=Trigger.PERIODIC,
    remediation="notify-only",
    cloudtrail=DAX_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the cluster's server-side encryption status is ENABLED; NON_COMPLIANT otherwise."""
    status = (item.configuration.get("sSEDescription") or {}).get("status", "DISABLED")
    if status == "ENABLED":
        return compliant("Cluster data is encrypted at rest.")
    return non_compliant(f"Encryption at rest is {status}; it can only be chosen at creation: recreate the cluster.")
