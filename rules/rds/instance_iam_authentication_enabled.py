from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import instance_events

from warden.collectors.rds import DB_INSTANCE
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

ENGINES = frozenset({"mysql", "postgres", "aurora", "aurora-mysql", "aurora-postgresql", "mariadb"})
# Instances in other states (creating, stopped, ...) produce no finding in Security Hub.
EVALUATED_STATES = frozenset({"available", "backing-up", "storage-optimization", "storage-full"})


@rule(
    id="rds-instance-iam-authentication-enabled",
    title="RDS DB instances accept IAM database authentication",
    resource_types=(DB_INSTANCE,),
    severity=Severity.MEDIUM,
    controls=("RDS.10",),
    remediation="notify-only",
    cloudtrail=instance_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `iAMDatabaseAuthenticationEnabled` is true; NON_COMPLIANT otherwise; NOT_APPLICABLE
    to engines other than MySQL, PostgreSQL, MariaDB and Aurora, and to instances that are not available,
    backing-up, storage-optimization or storage-full."""
    engine = item.configuration.get("engine")
    status = item.configuration.get("dBInstanceStatus")
    if engine not in ENGINES:
        return not_applicable(f"IAM database authentication is not evaluated for engine {engine}.")
    if status is not None and status not in EVALUATED_STATES:
        return not_applicable(f"Instance is {status}; RDS.10 evaluates running instances only.")
    if item.configuration.get("iAMDatabaseAuthenticationEnabled"):
        return compliant("IAM database authentication is enabled.")
    return non_compliant("IAM database authentication is off; enable it and move clients to IAM tokens.")
