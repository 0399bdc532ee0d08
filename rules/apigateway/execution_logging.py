from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.apigateway._triggers import REST_STAGE, REST_STAGE_EVENTS, V2_STAGE, V2_STAGE_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "loggingLevel": {
            "type": "array",
            "items": {"enum": ["ERROR", "INFO"]},
            "minItems": 1,
            "default": ["ERROR", "INFO"],
            "description": "Execution logging levels that count as enabled.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="api-gw-execution-logging-enabled",
    title="API Gateway REST and WebSocket stages have execution logging at ERROR or INFO",
    resource_types=(REST_STAGE, V2_STAGE),
    severity=Severity.MEDIUM,
    controls=("APIGateway.1",),
    parameters=PARAMETERS,
    remediation="api-gw-enable-execution-logging",
    cloudtrail=REST_STAGE_EVENTS + V2_STAGE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the stage-wide `*/*` method setting (REST) or the default route setting
    (WebSocket) logs at an allowed level and no method overrides it to OFF; NON_COMPLIANT otherwise;
    NOT_APPLICABLE for HTTP APIs, which have no execution logging."""
    allowed = set(params["loggingLevel"])
    wanted = " or ".join(sorted(allowed))
    if item.resource_type == V2_STAGE:
        if item.supplementary.get("ApiProtocolType") == "HTTP":
            return not_applicable("HTTP APIs have no execution logging; APIGateway.9 covers access logs.")
        level = (item.configuration.get("defaultRouteSettings") or {}).get("loggingLevel")
        if level in allowed:
            return compliant(f"Default route logs at {level}.")
        return non_compliant(f"Default route logging level is {level or 'unset'}; set it to {wanted}.")
    settings = item.configuration.get("methodSettings") or {}
    level = (settings.get("*/*") or {}).get("loggingLevel")
    if level not in allowed:
        return non_compliant(f"Stage-wide (*/*) execution logging is {level or 'off'}; set loggingLevel to {wanted}.")
    overridden = sorted(
        key for key, value in settings.items() if key != "*/*" and value.get("loggingLevel") not in (None, *allowed)
    )
    if overridden:
        return non_compliant(f"Execution logging is {level} but turned off for {', '.join(overridden)}.")
    return compliant(f"Execution logging is {level} for every method.")
