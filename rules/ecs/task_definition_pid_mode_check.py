from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecs._ecs import TASK_DEFINITION, TASK_DEFINITION_EVENTS, is_inactive

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="ecs-task-definition-pid-mode-check",
    title="ECS task definitions do not share the host's process namespace",
    resource_types=(TASK_DEFINITION,),
    severity=Severity.HIGH,
    controls=("ECS.3",),
    remediation="notify-only",
    cloudtrail=TASK_DEFINITION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when pidMode is not host; NON_COMPLIANT when containers share the host's process namespace;
    NOT_APPLICABLE for INACTIVE revisions."""
    if is_inactive(item):
        return not_applicable("Task definition revision is INACTIVE.")
    if item.configuration.get("PidMode") == "host":
        return non_compliant("pidMode is host: containers see and can signal every process on the host.")
    return compliant("Containers do not share the host's process namespace.")
