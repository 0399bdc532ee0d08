from tests.rules.rds.conftest import DB_INSTANCE, instance_configuration

RULE = "rds-multi-az-support"


def test_multi_az_instance_is_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, MultiAZ=True)).compliance == "COMPLIANT"


def test_single_az_instance_is_non_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, MultiAZ=False)).compliance == "NON_COMPLIANT"


def test_cluster_members_are_not_applicable(config_item, evaluate_rule):
    member = config_item(
        DB_INSTANCE, "db-1", configuration=instance_configuration(multiAZ=False, dBClusterIdentifier="c")
    )
    assert evaluate_rule(RULE, member).compliance == "NOT_APPLICABLE"
    single = config_item(DB_INSTANCE, "db-2", configuration=instance_configuration(multiAZ=False))
    assert evaluate_rule(RULE, single).compliance == "NON_COMPLIANT"
