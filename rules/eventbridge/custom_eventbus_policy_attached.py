from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import CloudTrailTrigger, rule

EVENT_BUS = "AWS::Events::EventBus"
SOURCE = "events.amazonaws.com"


@rule(
    id="custom-eventbus-policy-attached",
    title="EventBridge custom event buses have a resource-based policy",
    resource_types=(EVENT_BUS,),
    severity=Severity.LOW,
    controls=("EventBridge.3",),
    remediation="notify-only",
    cloudtrail=(
        CloudTrailTrigger(SOURCE, ("CreateEventBus",), EVENT_BUS, "{requestParameters.name}"),
        CloudTrailTrigger(SOURCE, ("PutPermission", "RemovePermission"), EVENT_BUS, "{requestParameters.eventBusName}"),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when a custom event bus has a resource-based policy; NON_COMPLIANT when it has none;
    NOT_APPLICABLE for the account's default event bus."""
    if item.resource_id == "default":
        return not_applicable("The default event bus is not a custom event bus.")
    if item.configuration.get("Policy"):
        return compliant("Custom event bus has a resource-based policy naming who may use it.")
    return non_compliant(
        "Custom event bus has no resource-based policy; attach one naming the accounts that may use it."
    )
