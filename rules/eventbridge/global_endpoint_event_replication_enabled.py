from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import CloudTrailTrigger, rule

ENDPOINT = "AWS::Events::Endpoint"


@rule(
    id="global-endpoint-event-replication-enabled",
    title="EventBridge global endpoints replicate events",
    resource_types=(ENDPOINT,),
    severity=Severity.MEDIUM,
    controls=("EventBridge.4",),
    remediation="notify-only",
    cloudtrail=(
        CloudTrailTrigger(
            "events.amazonaws.com", ("CreateEndpoint", "UpdateEndpoint"), ENDPOINT, "{requestParameters.name}"
        ),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the endpoint's event replication state is ENABLED; NON_COMPLIANT when DISABLED."""
    state = (item.configuration.get("ReplicationConfig") or {}).get("State", "ENABLED")
    if state == "ENABLED":
        return compliant("Events are replicated to the secondary Region.")
    return non_compliant(f"Event replication is {state}; a failover would lose the events sent before it.")
