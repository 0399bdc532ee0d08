from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import instance_events

from warden.collectors.rds import DB_INSTANCE
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

DEFAULT_PORTS = {
    "aurora": 3306,
    "aurora-mysql": 3306,
    "mariadb": 3306,
    "mysql": 3306,
    "aurora-postgresql": 5432,
    "postgres": 5432,
    "oracle": 1521,
    "sqlserver": 1433,
    "db2": 50000,
}


def default_port(engine: str) -> int | None:
    return DEFAULT_PORTS.get(engine) or DEFAULT_PORTS.get(engine.removeprefix("custom-").split("-", 1)[0])


@rule(
    id="rds-no-default-ports",
    title="RDS DB instances do not listen on their engine's default port",
    resource_types=(DB_INSTANCE,),
    severity=Severity.LOW,
    controls=("RDS.23",),
    remediation="notify-only",
    cloudtrail=instance_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the instance's port differs from its engine's default (3306 MySQL, MariaDB and Aurora
    MySQL; 5432 PostgreSQL; 1521 Oracle; 1433 SQL Server; 50000 Db2); NON_COMPLIANT when it is the default;
    NOT_APPLICABLE to instances in a DB cluster. (Security Hub's own custom rule; no Config managed rule.)"""
    if item.configuration.get("dBClusterIdentifier"):
        return not_applicable("Instance belongs to a DB cluster; the cluster's port applies.")
    engine = str(item.configuration.get("engine") or "")
    port = (item.configuration.get("endpoint") or {}).get("port") or item.configuration.get("dbInstancePort")
    expected = default_port(engine)
    if expected is None or not port:
        return not_applicable(f"No default port is known for engine {engine or 'unknown'} or no port recorded.")
    if int(port) == expected:
        return non_compliant(f"{engine} listens on its default port {expected}; move it to another port.")
    return compliant(f"Listens on port {port}, not the {engine} default {expected}.")
