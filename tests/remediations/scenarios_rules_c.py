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


def _instance_by_config_id(aws: MotoAccount) -> str:
    """The instance named as AWS Config names it: by its db-... resource id, not its identifier."""
    name = _instance(aws)
    return str(aws.client("rds").describe_db_instances(DBInstanceIdentifier=name)["DBInstances"][0]["DbiResourceId"])


def _instance_state_by_config_id(aws: MotoAccount, resource_id: str) -> dict[str, Any]:
    found = aws.client("rds").describe_db_instances(Filters=[{"Name": "dbi-resource-id", "Values": [resource_id]}])
    return {k: v for k, v in found["DBInstances"][0].items() if k not in ("DeletionProtection", "LatestRestorableTime")}


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


def _open_group(aws: MotoAccount) -> str:
    ec2 = aws.client("ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    group = ec2.create_security_group(GroupName="admin", Description="admin", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=group,
        IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
            for port in (22, 443, 3389)
        ]
        + [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}],
    )
    return group


def _ingress_except(port: int) -> Any:
    def read(aws: MotoAccount, group: str) -> list[tuple[Any, ...]]:
        found = aws.client("ec2").describe_security_groups(GroupIds=[group])["SecurityGroups"][0]
        rules = {(p.get("FromPort"), r["CidrIp"]) for p in found["IpPermissions"] for r in p.get("IpRanges", [])}
        return sorted(rules - {(port, "0.0.0.0/0")})

    return read


def _account_volumes(aws: MotoAccount, _: str) -> Any:
    volumes = aws.client("ec2").describe_volumes(Filters=[{"Name": "tag:team", "Values": ["orders"]}])["Volumes"]
    return sorted((v["VolumeId"], v["Encrypted"]) for v in volumes)


def _unencrypted_account(aws: MotoAccount) -> str:
    aws.client("ec2").create_volume(
        AvailabilityZone="us-east-1a",
        Size=8,
        TagSpecifications=[{"ResourceType": "volume", "Tags": TAGS}],
    )
    return aws.account_id


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
        "rds-instance-deletion-protection-enabled",
        "AWS::RDS::DBInstance",
        _instance_by_config_id,
        _instance_state_by_config_id,
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
    Scenario(
        "ec2-revoke-open-ingress",
        "restricted-ssh",
        "AWS::EC2::SecurityGroup",
        _open_group,
        _ingress_except(22),
        ("ec2", "RevokeSecurityGroupIngress"),
    ),
    Scenario(
        "ec2-revoke-open-ingress",
        "restricted-rdp",
        "AWS::EC2::SecurityGroup",
        _open_group,
        _ingress_except(3389),
        ("ec2", "RevokeSecurityGroupIngress"),
    ),
    Scenario(
        "ec2-enable-ebs-encryption-by-default",
        "ec2-ebs-encryption-by-default",
        "AWS::::Account",
        _unencrypted_account,
        _account_volumes,
        ("ec2", "EnableEbsEncryptionByDefault"),
    ),
]
