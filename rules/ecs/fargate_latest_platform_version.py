from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecs._ecs import SERVICE, SERVICE_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant, not_applicable
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "latestLinuxVersion": {
            "type": "string",
            "default": "1.4.0",
            "description": "The latest Fargate platform version for Linux.",
        },
        "latestWindowsVersion": {
            "type": "string",
            "default": "1.0.0",
            "description": "The latest Fargate platform version for Windows.",
        },
    },
    "additionalProperties": False,
}


def _on_fargate(config: Mapping[str, Any]) -> bool:
    strategy = as_list(config.get("CapacityProviderStrategy"))
    return config.get("LaunchType") == "FARGATE" or any(
        str(s.get("CapacityProvider", "")).startswith("FARGATE") for s in strategy
    )


@rule(
    id="ecs-fargate-latest-platform-version",
    title="ECS Fargate services run on the latest Fargate platform version",
    resource_types=(SERVICE,),
    severity=Severity.MEDIUM,
    controls=("ECS.10",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=SERVICE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when a Fargate service uses LATEST or the latest version for its platform family;
    NON_COMPLIANT on an older version; NOT_APPLICABLE for services not on Fargate."""
    config = item.configuration
    if not _on_fargate(config):
        return not_applicable("Service does not run on Fargate.")
    version = str(config.get("PlatformVersion") or "LATEST")
    windows = str(config.get("PlatformFamily") or "").upper().startswith("WINDOWS")
    latest = params["latestWindowsVersion"] if windows else params["latestLinuxVersion"]
    if version in ("LATEST", latest):
        return compliant(f"Service runs on platform version {version}.")
    return non_compliant(f"Service runs on platform version {version}; update it to {latest} (or LATEST).")
