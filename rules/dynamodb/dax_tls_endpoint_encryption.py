from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.dynamodb._triggers import DAX_CLUSTER, DAX_EVENTS

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="dax-tls-endpoint-encryption",
    title="DynamoDB Accelerator (DAX) clusters encrypt traffic to their endpoint",
    resource_types=(DAX_CLUSTER,),
    severity=Severity.MEDIUM,
    controls=("DynamoDB.7",),
    trigger=Trigger.PERIODIC,
    remediation="notify-only",
    cloudtrail=DAX_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the cluster endpoint encryption type is TLS; NON_COMPLIANT when it is NONE."""
    kind = item.configuration.get("clusterEndpointEncryptionType") or "NONE"
    if kind == "TLS":
        return compliant("Clients reach the cluster endpoint over TLS.")
    return non_compliant(f"Endpoint encryption is {kind}; it can only be chosen at creation: recreate with TLS.")
