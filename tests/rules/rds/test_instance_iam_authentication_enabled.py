from tests.rules.rds.conftest import DB_INSTANCE, instance_configuration

RULE = "rds-instance-iam-authentication-enabled"


def test_iam_authentication_is_compliant(db_instance, evaluate_rule):
    item = db_instance(RULE, EnableIAMDatabaseAuthentication=True)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_password_only_instance_is_non_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE)).compliance == "NON_COMPLIANT"


def test_other_engines_and_states_are_not_applicable(config_item, evaluate_rule):
    oracle = instance_configuration(engine="oracle-ee", iAMDatabaseAuthenticationEnabled=False)
    stopped = instance_configuration(dBInstanceStatus="stopped", iAMDatabaseAuthenticationEnabled=False)
    assert evaluate_rule(RULE, config_item(DB_INSTANCE, "db-1", configuration=oracle)).compliance == "NOT_APPLICABLE"
    assert evaluate_rule(RULE, config_item(DB_INSTANCE, "db-2", configuration=stopped)).compliance == "NOT_APPLICABLE"
