from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecs._ecs import TASK_DEFINITION, TASK_DEFINITION_EVENTS, containers, is_inactive, names

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="ecs-containers-nonprivileged",
    title="ECS containers run without privileged mode",
    resource_types=(TASK_DEFINITION,),
    severity=Severity.HIGH,
    controls=("ECS.4",),
    remediation="notify-only",
    cloudtrail=TASK_DEFINITION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when no container definition sets privileged true; NON_COMPLIANT naming those that do;
    NOT_APPLICABLE for INACTIVE revisions."""
    if is_inactive(item):
        return not_applicable("Task definition revision is INACTIVE.")
    privileged = [c for c in containers(item) if c.get("Privileged") is True]
    if privileged:
        return non_compliant(f"Containers {names(privileged)} run privileged (root on the host); remove privileged.")
    return compliant("No container runs privileged.")
