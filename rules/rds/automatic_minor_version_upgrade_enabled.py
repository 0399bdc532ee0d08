from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import instance_events

from warden.collectors.rds import DB_INSTANCE
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="rds-automatic-minor-version-upgrade-enabled",
    title="RDS DB instances apply minor engine upgrades automatically",
    resource_types=(DB_INSTANCE,),
    severity=Severity.HIGH,
    controls=("RDS.13",),
    remediation="rds-enable-auto-minor-version-upgrade",
    cloudtrail=instance_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `autoMinorVersionUpgrade` is true; NON_COMPLIANT otherwise."""
    if item.configuration.get("autoMinorVersionUpgrade"):
        return compliant("Minor engine upgrades are applied automatically.")
    return non_compliant("Automatic minor version upgrade is off; turn it on.")
