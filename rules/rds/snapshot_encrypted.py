from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import CLUSTER_SNAPSHOT_EVENTS, SNAPSHOT_EVENTS

from warden.collectors.rds import DB_CLUSTER_SNAPSHOT, DB_SNAPSHOT
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="rds-snapshot-encrypted",
    title="RDS DB and cluster snapshots are encrypted at rest",
    resource_types=(DB_SNAPSHOT, DB_CLUSTER_SNAPSHOT),
    severity=Severity.MEDIUM,
    controls=("RDS.4",),
    remediation="notify-only",
    cloudtrail=SNAPSHOT_EVENTS + CLUSTER_SNAPSHOT_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the snapshot is encrypted (`encrypted` for DB snapshots, `storageEncrypted` for
    cluster snapshots, as Config records them); NON_COMPLIANT otherwise."""
    key = "encrypted" if item.resource_type == DB_SNAPSHOT else "storageEncrypted"
    if item.configuration.get(key):
        return compliant("Snapshot is encrypted.")
    return non_compliant("Snapshot is not encrypted; copy it with a KMS key and delete the unencrypted one.")
