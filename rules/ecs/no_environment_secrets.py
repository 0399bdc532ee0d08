from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecs._ecs import TASK_DEFINITION, TASK_DEFINITION_EVENTS, containers, is_inactive

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant, not_applicable
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "secretKeys": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"],
            "description": "Environment variable names that hold secrets.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="ecs-no-environment-secrets",
    title="ECS containers take no secrets from plain environment variables",
    resource_types=(TASK_DEFINITION,),
    severity=Severity.HIGH,
    controls=("ECS.8",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=TASK_DEFINITION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when no container's environment names one of `secretKeys`; NON_COMPLIANT naming the
    container and variable; NOT_APPLICABLE for INACTIVE revisions."""
    if is_inactive(item):
        return not_applicable("Task definition revision is INACTIVE.")
    secret_keys = set(params["secretKeys"])
    found = [
        f"{c.get('Name')}:{variable.get('Name')}"
        for c in containers(item)
        for variable in as_list(c.get("Environment"))
        if variable.get("Name") in secret_keys
    ]
    if found:
        return non_compliant(f"Secrets in plain environment variables ({', '.join(found)}); use the secrets field.")
    return compliant("No secret is passed as a plain environment variable.")
