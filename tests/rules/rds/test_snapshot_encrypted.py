RULE = "rds-snapshot-encrypted"


def _snapshot(aws, moto_item, encrypted):
    rds = aws.client("rds")
    rds.create_db_instance(
        DBInstanceIdentifier="orders",
        DBInstanceClass="db.t3.micro",
        Engine="postgres",
        MasterUsername="orders",
        MasterUserPassword="not-a-real-password",
        AllocatedStorage=20,
        StorageEncrypted=encrypted,
    )
    rds.create_db_snapshot(DBSnapshotIdentifier="orders-snap", DBInstanceIdentifier="orders")
    return moto_item("AWS::RDS::DBSnapshot", "orders-snap", RULE)


def test_encrypted_snapshot_is_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _snapshot(aws, moto_item, True)).compliance == "COMPLIANT"


def test_unencrypted_snapshot_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _snapshot(aws, moto_item, False)).compliance == "NON_COMPLIANT"


def test_real_config_items_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_RDS_DBClusterSnapshot.json")
    assert evaluate_rule(RULE, rdk).compliance == "COMPLIANT"  # storageEncrypted: true
    plain = config_item("AWS::RDS::DBClusterSnapshot", "s", configuration={"storageEncrypted": False})
    assert evaluate_rule(RULE, plain).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::RDS::DBInstance", "db")).compliance == "NOT_APPLICABLE"
