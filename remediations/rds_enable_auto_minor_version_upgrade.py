from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._rds import enable_setting, restore_setting

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def rollback(plan: Plan) -> list[ApiCall]:
    return restore_setting(plan, "AutoMinorVersionUpgrade", "autoMinorVersionUpgrade")


@remediation(
    id="rds-enable-auto-minor-version-upgrade",
    title="Turn on automatic minor version upgrades for the DB instance",
    fixes=("rds-automatic-minor-version-upgrade-enabled",),
    permissions=("rds:DescribeDBInstances", "rds:ModifyDBInstance"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls ModifyDBInstance with AutoMinorVersionUpgrade=true only. The setting applies at once without an
    outage; upgrades then happen in the instance's maintenance window."""
    return enable_setting(item, "AutoMinorVersionUpgrade", "autoMinorVersionUpgrade")
