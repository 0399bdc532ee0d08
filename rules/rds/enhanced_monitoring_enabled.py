from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import instance_events

from warden.collectors.rds import DB_INSTANCE
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "monitoringInterval": {
            "type": "integer",
            "enum": [0, 1, 5, 10, 15, 30, 60],
            "default": 0,
            "description": "The interval in seconds the instance must collect metrics at; 0 (Security Hub's "
            "default, no value) accepts any interval.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="rds-enhanced-monitoring-enabled",
    title="RDS DB instances have enhanced monitoring configured",
    resource_types=(DB_INSTANCE,),
    severity=Severity.LOW,
    controls=("RDS.6",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=instance_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `monitoringInterval` is above 0 (and equals the `monitoringInterval` parameter when
    one other than 0 is given); NON_COMPLIANT otherwise."""
    interval = int(item.configuration.get("monitoringInterval") or 0)
    wanted = params["monitoringInterval"]
    if interval <= 0:
        return non_compliant("Enhanced monitoring is off; set a monitoring interval and a monitoring role.")
    if wanted and interval != wanted:
        return non_compliant(f"Enhanced monitoring collects every {interval} s, not every {wanted} s.")
    return compliant(f"Enhanced monitoring collects metrics every {interval} s.")
