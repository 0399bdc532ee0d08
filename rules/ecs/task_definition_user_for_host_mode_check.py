from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecs._ecs import TASK_DEFINITION, TASK_DEFINITION_EVENTS, containers, is_inactive, names

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "SkipInactiveTaskDefinitions": {
            "type": "boolean",
            "default": True,
            "description": "Skip deregistered (INACTIVE) revisions (Security Hub sets true).",
        }
    },
    "additionalProperties": False,
}


def _runs_as_root(container: Mapping[str, Any]) -> bool:
    user = str(container.get("User") or "").split(":", 1)[0]
    return user in ("", "root", "0")


@rule(
    id="ecs-task-definition-user-for-host-mode-check",
    title="ECS task definitions with host networking run containers privileged or as non-root (retired ECS.1)",
    resource_types=(TASK_DEFINITION,),
    severity=Severity.HIGH,
    controls=("ECS.1",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=TASK_DEFINITION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the network mode is not host, or every container is privileged or runs as a non-root
    user; NON_COMPLIANT when a host-mode container is neither. Security Hub retired ECS.1 in March 2026 in
    favour of ECS.4, ECS.17, ECS.20 and ECS.21; the AWS Config rule remains, and so does this rule."""
    if params["SkipInactiveTaskDefinitions"] and is_inactive(item):
        return not_applicable("Task definition revision is INACTIVE.")
    if item.configuration.get("NetworkMode") != "host":
        return compliant("Task definition does not use host networking.")
    unsafe = [c for c in containers(item) if c.get("Privileged") is not True and _runs_as_root(c)]
    if unsafe:
        return non_compliant(f"Host-networked containers {names(unsafe)} run as root; set a non-root user.")
    return compliant("Host-networked containers run privileged by choice or as non-root users.")
