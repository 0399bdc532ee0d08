"""CloudTrail events that change RDS instances, clusters and snapshots, shared by the RDS rules."""

from __future__ import annotations

from warden.collectors.rds import DB_CLUSTER, DB_CLUSTER_SNAPSHOT, DB_INSTANCE, DB_SNAPSHOT
from warden.registry import CloudTrailTrigger

SOURCE = "rds.amazonaws.com"


def instance_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    """Creating, restoring or modifying an instance; a point-in-time restore names its new instance `target...`."""
    return (
        CloudTrailTrigger(
            SOURCE,
            (
                "CreateDBInstance",
                "CreateDBInstanceReadReplica",
                "RestoreDBInstanceFromDBSnapshot",
                "ModifyDBInstance",
                *names,
            ),
            DB_INSTANCE,
            "{requestParameters.dBInstanceIdentifier}",
        ),
        CloudTrailTrigger(
            SOURCE, ("RestoreDBInstanceToPointInTime",), DB_INSTANCE, "{requestParameters.targetDBInstanceIdentifier}"
        ),
    )


CLUSTER_EVENTS = (
    CloudTrailTrigger(
        SOURCE,
        ("CreateDBCluster", "RestoreDBClusterFromSnapshot", "ModifyDBCluster"),
        DB_CLUSTER,
        "{requestParameters.dBClusterIdentifier}",
    ),
)
SNAPSHOT_EVENTS = (
    CloudTrailTrigger(
        SOURCE,
        ("CreateDBSnapshot", "ModifyDBSnapshotAttribute", "ModifyDBSnapshot"),
        DB_SNAPSHOT,
        "{requestParameters.dBSnapshotIdentifier}",
    ),
    CloudTrailTrigger(SOURCE, ("CopyDBSnapshot",), DB_SNAPSHOT, "{requestParameters.targetDBSnapshotIdentifier}"),
)
CLUSTER_SNAPSHOT_EVENTS = (
    CloudTrailTrigger(
        SOURCE,
        ("CreateDBClusterSnapshot", "ModifyDBClusterSnapshotAttribute"),
        DB_CLUSTER_SNAPSHOT,
        "{requestParameters.dBClusterSnapshotIdentifier}",
    ),
    CloudTrailTrigger(
        SOURCE, ("CopyDBClusterSnapshot",), DB_CLUSTER_SNAPSHOT, "{requestParameters.targetDBClusterSnapshotIdentifier}"
    ),
)
