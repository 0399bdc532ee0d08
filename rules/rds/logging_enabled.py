from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import instance_events

from warden.collectors.rds import DB_INSTANCE
from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant, not_applicable
from warden.registry import rule

# The logs each engine family must export, as the control lists them (API log type names).
MYSQL_LOGS = ("audit", "error", "general", "slowquery")
REQUIRED_LOGS = {
    "oracle": ("alert", "audit", "trace", "listener"),
    "postgres": ("postgresql", "upgrade"),
    "mysql": MYSQL_LOGS,
    "mariadb": MYSQL_LOGS,
    "sqlserver": ("error", "agent"),
    "aurora": MYSQL_LOGS,
    "aurora-mysql": MYSQL_LOGS,
    "aurora-postgresql": ("postgresql",),
}


def required_logs(engine: str) -> tuple[str, ...] | None:
    if engine in REQUIRED_LOGS:
        return REQUIRED_LOGS[engine]
    family = engine.split("-", 1)[0]  # oracle-ee, sqlserver-se, ...
    return REQUIRED_LOGS.get(family) if family in ("oracle", "sqlserver") else None


@rule(
    id="rds-logging-enabled",
    title="RDS DB instances publish their engine's logs to CloudWatch Logs",
    resource_types=(DB_INSTANCE,),
    severity=Severity.MEDIUM,
    controls=("RDS.9",),
    remediation="notify-only",
    cloudtrail=instance_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `enabledCloudwatchLogsExports` holds every log the engine must publish (Oracle: alert,
    audit, trace, listener; PostgreSQL: postgresql, upgrade; MySQL, MariaDB and Aurora MySQL: audit, error,
    general, slowquery; SQL Server: error, agent; Aurora PostgreSQL: postgresql); NON_COMPLIANT when one is
    missing; NOT_APPLICABLE to other engines."""
    engine = str(item.configuration.get("engine") or "")
    wanted = required_logs(engine)
    if wanted is None:
        return not_applicable(f"RDS.9 lists no logs for engine {engine or 'unknown'}.")
    exported = {str(log).lower() for log in as_list(item.configuration.get("enabledCloudwatchLogsExports"))}
    missing = [log for log in wanted if log not in exported]
    if missing:
        return non_compliant(f"{engine} instance does not publish {', '.join(missing)} logs to CloudWatch Logs.")
    return compliant(f"Publishes {', '.join(wanted)} logs to CloudWatch Logs.")
