from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import instance_events

from warden.collectors.rds import DB_INSTANCE
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

# Security Hub fixes the engines (Aurora instances are protected through their cluster, RDS.7).
ENGINES = [
    "mariadb",
    "mysql",
    "custom-oracle-ee",
    "oracle-ee-cdb",
    "oracle-se2-cdb",
    "oracle-ee",
    "oracle-se2",
    "oracle-se1",
    "oracle-se",
    "postgres",
    "sqlserver-ee",
    "sqlserver-se",
    "sqlserver-ex",
    "sqlserver-web",
]
PARAMETERS = {
    "type": "object",
    "properties": {
        "databaseEngines": {
            "type": "array",
            "items": {"type": "string"},
            "default": ENGINES,
            "description": "Engines whose instances are evaluated (Security Hub does not let this be changed).",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="rds-instance-deletion-protection-enabled",
    title="RDS DB instances have deletion protection enabled",
    resource_types=(DB_INSTANCE,),
    severity=Severity.LOW,
    controls=("RDS.8",),
    parameters=PARAMETERS,
    remediation="rds-enable-deletion-protection",
    cloudtrail=instance_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `deletionProtection` is true; NON_COMPLIANT otherwise; NOT_APPLICABLE to engines not
    in `databaseEngines`."""
    engine = item.configuration.get("engine")
    if engine not in params["databaseEngines"]:
        return not_applicable(f"Engine {engine} is not evaluated by RDS.8.")
    if item.configuration.get("deletionProtection"):
        return compliant("DB instance has deletion protection.")
    return non_compliant("DB instance can be deleted by a single call; enable deletion protection.")
