from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import instance_events

from warden.collectors.rds import DB_INSTANCE
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="rds-instance-copy-tags-to-snapshots-enabled",
    title="RDS DB instances copy their tags to snapshots",
    resource_types=(DB_INSTANCE,),
    severity=Severity.LOW,
    controls=("RDS.17",),
    remediation="rds-copy-tags-to-snapshots",
    cloudtrail=instance_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `copyTagsToSnapshot` is true; NON_COMPLIANT otherwise. (AWS Config has no managed rule
    for this: the id is Security Hub's own custom rule.)"""
    if item.configuration.get("copyTagsToSnapshot"):
        return compliant("Snapshots inherit the instance's tags.")
    return non_compliant("Snapshots do not inherit the instance's tags; enable copy tags to snapshots.")
