from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._admin import PARAMETERS, evaluate_admin_name
from warden.rules.rds._triggers import CLUSTER_EVENTS

from warden.collectors.rds import DB_CLUSTER
from warden.model import ConfigurationItem, Severity, Verdict
from warden.registry import rule


@rule(
    id="rds-cluster-default-admin-check",
    title="RDS DB clusters use a custom administrator user name",
    resource_types=(DB_CLUSTER,),
    severity=Severity.MEDIUM,
    controls=("RDS.24",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=CLUSTER_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `masterUsername` is neither admin nor postgres (and one of `validAdminUserNames` when
    set); NON_COMPLIANT otherwise; NOT_APPLICABLE to Neptune and DocumentDB clusters."""
    return evaluate_admin_name(item, params)
