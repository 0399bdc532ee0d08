from tests.rules.rds.conftest import DB_CLUSTER, RDK_CLUSTER

RULE = "rds-cluster-multi-az-enabled"


def test_single_zone_cluster_is_non_compliant(db_cluster, evaluate_rule):
    """moto reports every cluster as single-AZ, so the Multi-AZ case is a Config-shaped item below."""
    assert evaluate_rule(RULE, db_cluster(RULE)).compliance == "NON_COMPLIANT"


def test_multi_az_config_item_is_compliant(config_item, evaluate_rule):
    item = config_item(DB_CLUSTER, "orders", configuration={"engine": "aurora-postgresql", "multiAZ": True})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::RDS::DBInstance", "db")).compliance == "NOT_APPLICABLE"


def test_real_config_item(config_item_from_file, evaluate_rule, samples):
    assert evaluate_rule(RULE, config_item_from_file(samples / RDK_CLUSTER)).compliance == "NON_COMPLIANT"


def test_an_instance_added_to_the_cluster_re_evaluates_it():
    from warden.registry import load_rules

    record = {"eventName": "CreateDBInstance", "requestParameters": {"dBClusterIdentifier": "orders"}}
    standalone = {"eventName": "CreateDBInstance", "requestParameters": {"dBInstanceIdentifier": "db"}}
    trigger = next(
        t for t in load_rules().get(RULE).cloudtrail if "CreateDBInstance" in t.events and t.resource_type == DB_CLUSTER
    )
    assert trigger.resolve_resource_id(record) == "orders"
    assert trigger.resolve_resource_id(standalone) is None
