RULE = "rds-snapshots-public-prohibited"
SNAPSHOT = "AWS::RDS::DBSnapshot"
CLUSTER_SNAPSHOT = "AWS::RDS::DBClusterSnapshot"


def _snapshot(aws, moto_item, *share):
    rds = aws.client("rds")
    rds.create_db_instance(
        DBInstanceIdentifier="orders",
        DBInstanceClass="db.t3.micro",
        Engine="postgres",
        MasterUsername="orders",
        MasterUserPassword="not-a-real-password",
        AllocatedStorage=20,
    )
    rds.create_db_snapshot(DBSnapshotIdentifier="orders-snap", DBInstanceIdentifier="orders")
    if share:
        rds.modify_db_snapshot_attribute(
            DBSnapshotIdentifier="orders-snap", AttributeName="restore", ValuesToAdd=list(share)
        )
    return moto_item(SNAPSHOT, "orders-snap", RULE)


def _cluster_snapshot(aws, moto_item, *share):
    rds = aws.client("rds")
    rds.create_db_cluster(
        DBClusterIdentifier="orders",
        Engine="aurora-postgresql",
        MasterUsername="orders",
        MasterUserPassword="secret123",
    )
    rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier="orders-snap", DBClusterIdentifier="orders")
    if share:
        rds.modify_db_cluster_snapshot_attribute(
            DBClusterSnapshotIdentifier="orders-snap", AttributeName="restore", ValuesToAdd=list(share)
        )
    return moto_item(CLUSTER_SNAPSHOT, "orders-snap", RULE)


def test_private_and_account_shared_snapshots_are_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _snapshot(aws, moto_item, "210987654321")).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, _cluster_snapshot(aws, moto_item)).compliance == "COMPLIANT"


def test_public_snapshots_are_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _snapshot(aws, moto_item, "all")).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, _cluster_snapshot(aws, moto_item, "all")).compliance == "NON_COMPLIANT"


def test_real_config_item_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_RDS_DBClusterSnapshot.json")
    assert evaluate_rule(RULE, rdk).compliance == "COMPLIANT"
    public = config_item(
        SNAPSHOT,
        "s",
        supplementary={"DBSnapshotAttributes": [{"attributeName": "restore", "attributeValues": ["all"]}]},
    )
    assert evaluate_rule(RULE, public).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::RDS::DBInstance", "db")).compliance == "NOT_APPLICABLE"
