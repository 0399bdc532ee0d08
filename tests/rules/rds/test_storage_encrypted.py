from tests.rules.rds.conftest import DB_INSTANCE, instance_configuration

RULE = "rds-storage-encrypted"


def test_encrypted_instance_is_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, StorageEncrypted=True)).compliance == "COMPLIANT"


def test_unencrypted_instance_is_non_compliant(db_instance, evaluate_rule):
    assert evaluate_rule(RULE, db_instance(RULE, StorageEncrypted=False)).compliance == "NON_COMPLIANT"


def test_config_item_and_other_types(config_item, evaluate_rule):
    plain = config_item(DB_INSTANCE, "db-1", configuration=instance_configuration(storageEncrypted=False))
    assert evaluate_rule(RULE, plain).compliance == "NON_COMPLIANT"
    assert (
        evaluate_rule(RULE, config_item(DB_INSTANCE, "db-2", configuration=instance_configuration())).compliance
        == "COMPLIANT"
    )
    assert evaluate_rule(RULE, config_item("AWS::RDS::DBSnapshot", "s")).compliance == "NOT_APPLICABLE"
