from tests.rules.rds.conftest import DB_INSTANCE, instance_configuration

RULE = "rds-instance-default-admin-check"


def test_custom_admin_is_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE)).compliance == "COMPLIANT"


def test_default_admin_is_non_compliant(aws, moto_item, evaluate_rule):
    aws.client("rds").create_db_instance(
        DBInstanceIdentifier="legacy",
        DBInstanceClass="db.t3.micro",
        Engine="mysql",
        MasterUsername="admin",
        MasterUserPassword="not-a-real-password",
        AllocatedStorage=20,
    )
    assert evaluate_rule(RULE, moto_item(DB_INSTANCE, "legacy", RULE)).compliance == "NON_COMPLIANT"


def test_config_item_neptune_and_other_types(config_item, evaluate_rule):
    item = config_item(DB_INSTANCE, "db-1", configuration=instance_configuration(masterUsername="Admin"))
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    graph = config_item(DB_INSTANCE, "db-2", configuration=instance_configuration(engine="neptune"))
    assert evaluate_rule(RULE, graph).compliance == "NOT_APPLICABLE"
    assert evaluate_rule(RULE, config_item("AWS::RDS::DBCluster", "c")).compliance == "NOT_APPLICABLE"
