from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import VPC, VPC_EVENTS

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, as_list, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "trafficType": {
            "type": "string",
            "enum": ["ACCEPT", "REJECT", "ALL"],
            "default": "REJECT",
            "description": "Traffic the flow log must capture (Security Hub fixes REJECT; a log of ALL also passes).",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="vpc-flow-logs-enabled",
    title="VPC flow logging is enabled in every VPC",
    resource_types=(VPC,),
    severity=Severity.MEDIUM,
    controls=("EC2.6",),
    trigger=Trigger.PERIODIC,
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("FlowLogs",),
    cloudtrail=VPC_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the VPC has an active flow log capturing `trafficType` traffic (or ALL); NON_COMPLIANT
    otherwise."""
    wanted = params["trafficType"]
    for log in as_list(item.supplementary.get("FlowLogs")):
        active = log.get("flowLogStatus", "ACTIVE") == "ACTIVE" and log.get("deliverLogsStatus") != "FAILED"
        if active and log.get("trafficType") in (wanted, "ALL"):
            return compliant(f"Flow log {log.get('flowLogId')} captures {log.get('trafficType')} traffic.")
    return non_compliant(f"No active flow log captures {wanted} traffic for this VPC; create one.")
