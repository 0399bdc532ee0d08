from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.apigateway._triggers import REST_STAGE, REST_STAGE_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="api-gw-xray-enabled",
    title="API Gateway REST stages have AWS X-Ray tracing enabled",
    resource_types=(REST_STAGE,),
    severity=Severity.LOW,
    controls=("APIGateway.3",),
    remediation="api-gw-enable-tracing",
    cloudtrail=REST_STAGE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `tracingEnabled` is true; NON_COMPLIANT otherwise."""
    if item.configuration.get("tracingEnabled") is True:
        return compliant("X-Ray tracing is enabled.")
    return non_compliant("X-Ray tracing is off; set tracingEnabled to true to trace requests end to end.")
