from tests.rules.rds.conftest import DB_INSTANCE, instance_configuration

RULE = "rds-automatic-minor-version-upgrade-enabled"


def test_auto_upgrading_instance_is_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, AutoMinorVersionUpgrade=True)).compliance == "COMPLIANT"


def test_pinned_instance_is_non_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, AutoMinorVersionUpgrade=False)).compliance == "NON_COMPLIANT"


def test_config_item_and_other_types(config_item, evaluate_rule):
    pinned = config_item(DB_INSTANCE, "db-1", configuration=instance_configuration(autoMinorVersionUpgrade=False))
    assert evaluate_rule(RULE, pinned).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::RDS::DBCluster", "c")).compliance == "NOT_APPLICABLE"
