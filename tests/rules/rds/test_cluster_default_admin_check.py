from tests.rules.rds.conftest import DB_CLUSTER, RDK_CLUSTER

RULE = "rds-cluster-default-admin-check"


def test_custom_admin_is_compliant(db_cluster, evaluate_rule):
    item = db_cluster(RULE, MasterUsername="orders_owner")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, validAdminUserNames="dba,ops").compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, item, validAdminUserNames="dba,orders_owner").compliance == "COMPLIANT"


def test_default_admin_is_non_compliant(db_cluster, evaluate_rule):
    assert evaluate_rule(RULE, db_cluster(RULE, MasterUsername="postgres")).compliance == "NON_COMPLIANT"


def test_documentdb_is_not_applicable(config_item, evaluate_rule):
    item = config_item(DB_CLUSTER, "docs", configuration={"engine": "docdb", "masterUsername": "admin"})
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"


def test_real_config_item(config_item_from_file, evaluate_rule, samples):
    """The RDK cluster keeps Aurora MySQL's default user name, admin."""
    assert evaluate_rule(RULE, config_item_from_file(samples / RDK_CLUSTER)).compliance == "NON_COMPLIANT"
