from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import CLUSTER_EVENTS

from warden.collectors.rds import DB_CLUSTER
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

# Aurora and the Multi-AZ DB cluster engines; Neptune and DocumentDB clusters have no IAM database auth.
ENGINES = frozenset({"aurora", "aurora-mysql", "aurora-postgresql", "mysql", "postgres"})


@rule(
    id="rds-cluster-iam-authentication-enabled",
    title="RDS DB clusters accept IAM database authentication",
    resource_types=(DB_CLUSTER,),
    severity=Severity.MEDIUM,
    controls=("RDS.12",),
    remediation="notify-only",
    cloudtrail=CLUSTER_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `iamdatabaseAuthenticationEnabled` is true; NON_COMPLIANT otherwise; NOT_APPLICABLE to
    engines other than Aurora MySQL, Aurora PostgreSQL, MySQL and PostgreSQL (Neptune, DocumentDB)."""
    engine = item.configuration.get("engine")
    if engine not in ENGINES:
        return not_applicable(f"IAM database authentication is not evaluated for engine {engine}.")
    if item.configuration.get("iamdatabaseAuthenticationEnabled"):
        return compliant("IAM database authentication is enabled.")
    return non_compliant("IAM database authentication is off; enable it and move clients to IAM tokens.")
