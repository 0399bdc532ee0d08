RULE = "rds-cluster-deletion-protection-enabled"
CLUSTER = "AWS::RDS::DBCluster"


def _cluster(aws, moto_item, protected):
    aws.client("rds").create_db_cluster(
        DBClusterIdentifier="orders",
        Engine="aurora-postgresql",
        MasterUsername="orders",
        MasterUserPassword="secret123",
        DeletionProtection=protected,
    )
    return moto_item(CLUSTER, "orders", RULE)


def test_protected_cluster_is_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _cluster(aws, moto_item, True)).compliance == "COMPLIANT"


def test_unprotected_cluster_is_non_compliant(aws, moto_item, evaluate_rule):
    item = _cluster(aws, moto_item, False)
    assert item.configuration["dbclusterIdentifier"] == "orders"  # Config's spelling for cluster keys
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_real_config_item_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_RDS_DBCluster.json")
    assert evaluate_rule(RULE, rdk).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::RDS::DBInstance", "db")).compliance == "NOT_APPLICABLE"
