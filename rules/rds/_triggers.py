"""CloudTrail events that change RDS instances, clusters, snapshots and event subscriptions, shared by the RDS rules."""

from __future__ import annotations

from warden.collectors.rds import DB_CLUSTER, DB_CLUSTER_SNAPSHOT, DB_INSTANCE, DB_SNAPSHOT, EVENT_SUBSCRIPTION
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
# An instance added to a cluster (CreateDBInstance names its cluster) can put the cluster in another zone.
CLUSTER_MEMBER_EVENTS = (
    *CLUSTER_EVENTS,
    CloudTrailTrigger(SOURCE, ("CreateDBInstance",), DB_CLUSTER, "{requestParameters.dBClusterIdentifier}"),
)
EVENT_SUBSCRIPTION_EVENTS = (
    CloudTrailTrigger(
        SOURCE,
        (
            "CreateEventSubscription",
            "ModifyEventSubscription",
            "AddSourceIdentifierToSubscription",
            "RemoveSourceIdentifierFromSubscription",
        ),
        EVENT_SUBSCRIPTION,
        "{requestParameters.subscriptionName}",
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
