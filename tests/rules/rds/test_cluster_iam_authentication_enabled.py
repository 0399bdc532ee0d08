from tests.rules.rds.conftest import DB_CLUSTER, RDK_CLUSTER

RULE = "rds-cluster-iam-authentication-enabled"


def test_iam_cluster_is_compliant(db_cluster, evaluate_rule):
    item = db_cluster(RULE, EnableIAMDatabaseAuthentication=True)
    assert item.configuration["iamdatabaseAuthenticationEnabled"] is True  # Config's spelling for clusters
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_password_only_cluster_is_non_compliant(db_cluster, evaluate_rule):
    assert evaluate_rule(RULE, db_cluster(RULE, Engine="aurora-mysql")).compliance == "NON_COMPLIANT"


def test_neptune_and_documentdb_are_not_applicable(config_item, evaluate_rule):
    for engine in ("neptune", "docdb"):
        item = config_item(DB_CLUSTER, "graph", configuration={"engine": engine})
        assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"


def test_real_config_item(config_item_from_file, evaluate_rule, samples):
    assert evaluate_rule(RULE, config_item_from_file(samples / RDK_CLUSTER)).compliance == "NON_COMPLIANT"
