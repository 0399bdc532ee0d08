from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecs._ecs import TASK_DEFINITION, TASK_DEFINITION_EVENTS, containers, is_inactive, names

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="ecs-task-definition-log-configuration",
    title="ECS task definitions configure logging for every container",
    resource_types=(TASK_DEFINITION,),
    severity=Severity.HIGH,
    controls=("ECS.9",),
    remediation="notify-only",
    cloudtrail=TASK_DEFINITION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every container has a logConfiguration with a log driver; NON_COMPLIANT naming those
    without; NOT_APPLICABLE for INACTIVE revisions."""
    if is_inactive(item):
        return not_applicable("Task definition revision is INACTIVE.")
    silent = [c for c in containers(item) if not (c.get("LogConfiguration") or {}).get("LogDriver")]
    if silent:
        return non_compliant(f"Containers {names(silent)} have no log configuration; add a log driver (awslogs).")
    return compliant("Every container has a log configuration.")
