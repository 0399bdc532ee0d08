from tests.rules.rds.conftest import DB_INSTANCE, instance_configuration

RULE = "rds-instance-public-access-check"


def test_private_instance_is_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, PubliclyAccessible=False)).compliance == "COMPLIANT"


def test_public_instance_is_non_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, PubliclyAccessible=True)).compliance == "NON_COMPLIANT"


def test_config_item_and_other_types(config_item, evaluate_rule):
    public = config_item(
        DB_INSTANCE, "db-ABCDEFGHIJKLMNOPQRSTUVWXYZ", configuration=instance_configuration(publiclyAccessible=True)
    )
    assert evaluate_rule(RULE, public).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::RDS::DBCluster", "c")).compliance == "NOT_APPLICABLE"
