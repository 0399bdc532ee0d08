from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecs._ecs import TASK_SET, TASK_SET_EVENTS, assigns_public_ip

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="ecs-task-set-assign-public-ip-disabled",
    title="ECS task sets do not assign public IP addresses automatically",
    resource_types=(TASK_SET,),
    severity=Severity.HIGH,
    controls=("ECS.16",),
    remediation="notify-only",
    cloudtrail=TASK_SET_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the task set's awsvpc configuration does not assign public IPs; NON_COMPLIANT when
    AssignPublicIp is ENABLED."""
    if assigns_public_ip(item):
        return non_compliant(
            "Task set assigns public IP addresses to its tasks; create it with AssignPublicIp DISABLED."
        )
    return compliant("Task set does not assign public IP addresses.")
