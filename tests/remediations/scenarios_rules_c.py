"""Contract scenarios for the RDS, ElastiCache and EC2 remediations (gathered by test_contract.py)."""

from __future__ import annotations

from typing import Any

from tests.remediations.scenario import Scenario
from warden.testing import MotoAccount

TAGS = [{"Key": "team", "Value": "orders"}]


def _instance(aws: MotoAccount, **settings: Any) -> str:
    aws.client("rds").create_db_instance(
        DBInstanceIdentifier="orders",
        DBInstanceClass="db.t3.micro",
        Engine="mysql",
        MasterUsername="orders",
        MasterUserPassword="not-a-real-password",
        AllocatedStorage=20,
        BackupRetentionPeriod=3,
        Tags=TAGS,
        **{"DeletionProtection": False, "AutoMinorVersionUpgrade": False, "CopyTagsToSnapshot": False, **settings},
    )
    return "orders"


def _instance_state(*changed: str) -> Any:
    def read(aws: MotoAccount, name: str) -> dict[str, Any]:
        found = aws.client("rds").describe_db_instances(DBInstanceIdentifier=name)["DBInstances"][0]
        # moto moves LatestRestorableTime on every read, as AWS does over time.
        return {k: v for k, v in found.items() if k not in (*changed, "LatestRestorableTime")}

    return read


def _cluster(aws: MotoAccount) -> str:
    aws.client("rds").create_db_cluster(
        DBClusterIdentifier="orders",
        Engine="aurora-postgresql",
        MasterUsername="orders",
        MasterUserPassword="not-a-real-password",
        BackupRetentionPeriod=5,
        Tags=TAGS,
    )
    return "orders"


def _cluster_state(aws: MotoAccount, name: str) -> dict[str, Any]:
    found = aws.client("rds").describe_db_clusters(DBClusterIdentifier=name)["DBClusters"][0]
    return {k: v for k, v in found.items() if k not in ("DeletionProtection", "LatestRestorableTime")}


def _public_snapshot(aws: MotoAccount) -> str:
    _instance(aws)
    rds = aws.client("rds")
    rds.create_db_snapshot(DBSnapshotIdentifier="orders-snap", DBInstanceIdentifier="orders")
    rds.modify_db_snapshot_attribute(
        DBSnapshotIdentifier="orders-snap", AttributeName="restore", ValuesToAdd=["all", "210987654321"]
    )
    return "orders-snap"


def _snapshot_shares(aws: MotoAccount, name: str) -> list[str]:
    result = aws.client("rds").describe_db_snapshot_attributes(DBSnapshotIdentifier=name)
    values = result["DBSnapshotAttributesResult"]["DBSnapshotAttributes"][0]["AttributeValues"]
    return sorted(v for v in values if v != "all")


def _public_cluster_snapshot(aws: MotoAccount) -> str:
    _cluster(aws)
    rds = aws.client("rds")
    rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier="orders-snap", DBClusterIdentifier="orders")
    rds.modify_db_cluster_snapshot_attribute(
        DBClusterSnapshotIdentifier="orders-snap", AttributeName="restore", ValuesToAdd=["all", "210987654321"]
    )
    return "orders-snap"


def _cluster_snapshot_shares(aws: MotoAccount, name: str) -> list[str]:
    result = aws.client("rds").describe_db_cluster_snapshot_attributes(DBClusterSnapshotIdentifier=name)
    values = result["DBClusterSnapshotAttributesResult"]["DBClusterSnapshotAttributes"][0]["AttributeValues"]
    return sorted(v for v in values if v != "all")


SCENARIOS = [
    Scenario(
        "rds-enable-deletion-protection",
        "rds-instance-deletion-protection-enabled",
        "AWS::RDS::DBInstance",
        _instance,
        _instance_state("DeletionProtection"),
        ("rds", "ModifyDBInstance"),
    ),
    Scenario(
        "rds-enable-deletion-protection",
        "rds-cluster-deletion-protection-enabled",
        "AWS::RDS::DBCluster",
        _cluster,
        _cluster_state,
        ("rds", "ModifyDBCluster"),
    ),
    Scenario(
        "rds-enable-auto-minor-version-upgrade",
        "rds-automatic-minor-version-upgrade-enabled",
        "AWS::RDS::DBInstance",
        _instance,
        _instance_state("AutoMinorVersionUpgrade"),
        ("rds", "ModifyDBInstance"),
    ),
    Scenario(
        "rds-copy-tags-to-snapshots",
        "rds-instance-copy-tags-to-snapshots-enabled",
        "AWS::RDS::DBInstance",
        _instance,
        _instance_state("CopyTagsToSnapshot"),
        ("rds", "ModifyDBInstance"),
    ),
    Scenario(
        "rds-snapshot-make-private",
        "rds-snapshots-public-prohibited",
        "AWS::RDS::DBSnapshot",
        _public_snapshot,
        _snapshot_shares,
        ("rds", "ModifyDBSnapshotAttribute"),
    ),
    Scenario(
        "rds-snapshot-make-private",
        "rds-snapshots-public-prohibited",
        "AWS::RDS::DBClusterSnapshot",
        _public_cluster_snapshot,
        _cluster_snapshot_shares,
        ("rds", "ModifyDBClusterSnapshotAttribute"),
    ),
]
