from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._admin import PARAMETERS, evaluate_admin_name
from warden.rules.rds._triggers import instance_events

from warden.collectors.rds import DB_INSTANCE
from warden.model import ConfigurationItem, Severity, Verdict
from warden.registry import rule


@rule(
    id="rds-instance-default-admin-check",
    title="RDS DB instances use a custom administrator user name",
    resource_types=(DB_INSTANCE,),
    severity=Severity.MEDIUM,
    controls=("RDS.25",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=instance_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `masterUsername` is neither admin nor postgres (and one of `validAdminUserNames` when
    set); NON_COMPLIANT otherwise; NOT_APPLICABLE to Neptune and DocumentDB instances."""
    return evaluate_admin_name(item, params)
