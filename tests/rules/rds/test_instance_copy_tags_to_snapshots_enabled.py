from tests.rules.rds.conftest import DB_INSTANCE, instance_configuration

RULE = "rds-instance-copy-tags-to-snapshots-enabled"


def test_copying_instance_is_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, CopyTagsToSnapshot=True)).compliance == "COMPLIANT"


def test_non_copying_instance_is_non_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, CopyTagsToSnapshot=False)).compliance == "NON_COMPLIANT"


def test_config_item_and_other_types(config_item, evaluate_rule):
    item = config_item(DB_INSTANCE, "db-1", configuration=instance_configuration(copyTagsToSnapshot=False))
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::RDS::DBSnapshot", "s")).compliance == "NOT_APPLICABLE"
