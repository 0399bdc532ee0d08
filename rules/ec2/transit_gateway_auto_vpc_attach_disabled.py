from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import TRANSIT_GATEWAY, TRANSIT_GATEWAY_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="ec2-transit-gateway-auto-vpc-attach-disabled",
    title="Transit gateways do not automatically accept VPC attachment requests",
    resource_types=(TRANSIT_GATEWAY,),
    severity=Severity.HIGH,
    controls=("EC2.23",),
    remediation="ec2-disable-transit-gateway-auto-accept",
    cloudtrail=TRANSIT_GATEWAY_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `AutoAcceptSharedAttachments` is not `enable`; NON_COMPLIANT when the transit gateway
    accepts cross-account VPC attachment requests automatically."""
    if str(item.configuration.get("AutoAcceptSharedAttachments", "")).lower() == "enable":
        return non_compliant(
            "Transit gateway accepts shared VPC attachments automatically: any account it is shared with can attach."
        )
    return compliant("Transit gateway requires VPC attachment requests to be accepted.")
