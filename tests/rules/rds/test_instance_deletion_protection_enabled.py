from tests.rules.rds.conftest import DB_INSTANCE, instance_configuration

RULE = "rds-instance-deletion-protection-enabled"


def test_protected_instance_is_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, DeletionProtection=True)).compliance == "COMPLIANT"


def test_unprotected_instance_is_non_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, Engine="mysql")).compliance == "NON_COMPLIANT"


def test_engines_outside_the_list_are_not_applicable(config_item, evaluate_rule):
    aurora = config_item(
        DB_INSTANCE, "db-1", configuration=instance_configuration(engine="aurora-mysql", deletionProtection=False)
    )
    assert evaluate_rule(RULE, aurora).compliance == "NOT_APPLICABLE"
    oracle = config_item(
        DB_INSTANCE, "db-2", configuration=instance_configuration(engine="oracle-ee", deletionProtection=False)
    )
    assert evaluate_rule(RULE, oracle).compliance == "NON_COMPLIANT"
