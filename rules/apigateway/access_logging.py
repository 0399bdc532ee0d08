from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.apigateway._triggers import V2_STAGE, V2_STAGE_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="api-gwv2-access-logs-enabled",
    title="API Gateway v2 (HTTP and WebSocket) stages have access logging configured",
    resource_types=(V2_STAGE,),
    severity=Severity.MEDIUM,
    controls=("APIGateway.9",),
    remediation="notify-only",
    cloudtrail=V2_STAGE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `accessLogSettings.destinationArn` is set; NON_COMPLIANT otherwise."""
    destination = (item.configuration.get("accessLogSettings") or {}).get("destinationArn")
    if destination:
        return compliant(f"Access logs go to {destination}.")
    return non_compliant("Stage writes no access logs; set accessLogSettings with a CloudWatch Logs destination.")
