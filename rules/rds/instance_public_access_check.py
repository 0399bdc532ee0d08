from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import instance_events

from warden.collectors.rds import DB_INSTANCE
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="rds-instance-public-access-check",
    title="RDS DB instances are not publicly accessible",
    resource_types=(DB_INSTANCE,),
    severity=Severity.CRITICAL,
    controls=("RDS.2",),
    remediation="notify-only",
    cloudtrail=instance_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `publiclyAccessible` is false; NON_COMPLIANT when the instance has a public DNS name."""
    if item.configuration.get("publiclyAccessible"):
        return non_compliant("DB instance is publicly accessible; set PubliclyAccessible to false.")
    return compliant("DB instance is not publicly accessible.")
