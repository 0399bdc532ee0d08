from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecs._ecs import TASK_DEFINITION, TASK_DEFINITION_EVENTS, containers, is_inactive, names

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="ecs-containers-readonly-access",
    title="ECS containers have read-only root filesystems",
    resource_types=(TASK_DEFINITION,),
    severity=Severity.HIGH,
    controls=("ECS.5",),
    remediation="notify-only",
    cloudtrail=TASK_DEFINITION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every container sets readonlyRootFilesystem true; NON_COMPLIANT naming those that do
    not (absent counts as writable); NOT_APPLICABLE for INACTIVE revisions."""
    if is_inactive(item):
        return not_applicable("Task definition revision is INACTIVE.")
    writable = [c for c in containers(item) if c.get("ReadonlyRootFilesystem") is not True]
    if writable:
        return non_compliant(f"Containers {names(writable)} can write their root filesystem; make it read-only.")
    return compliant("Every container has a read-only root filesystem.")
