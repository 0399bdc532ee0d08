from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import CLUSTER_SNAPSHOT_EVENTS, SNAPSHOT_EVENTS

from warden.collectors.rds import DB_CLUSTER_SNAPSHOT, DB_SNAPSHOT
from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant
from warden.registry import rule

# Where each snapshot type keeps its sharing attributes in a Config item.
ATTRIBUTES = {DB_SNAPSHOT: "DBSnapshotAttributes", DB_CLUSTER_SNAPSHOT: "DBClusterSnapshotAttributes"}


def restorable_by_all(item: ConfigurationItem) -> bool:
    """The `restore` attribute lists `all` when anyone may copy or restore the snapshot."""
    for attribute in as_list(item.supplementary.get(ATTRIBUTES[item.resource_type])):
        if attribute.get("attributeName") == "restore" and "all" in as_list(attribute.get("attributeValues")):
            return True
    return False


@rule(
    id="rds-snapshots-public-prohibited",
    title="RDS DB and cluster snapshots are not public",
    resource_types=(DB_SNAPSHOT, DB_CLUSTER_SNAPSHOT),
    severity=Severity.CRITICAL,
    controls=("RDS.1",),
    remediation="rds-snapshot-make-private",
    attributes=tuple(ATTRIBUTES.values()),
    cloudtrail=SNAPSHOT_EVENTS + CLUSTER_SNAPSHOT_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the snapshot's `restore` attribute does not include `all`; NON_COMPLIANT when every
    AWS account may restore it."""
    if restorable_by_all(item):
        return non_compliant(
            "Snapshot is public: any AWS account can restore it. Remove 'all' from its restore attribute."
        )
    return compliant("Snapshot is not shared publicly.")
