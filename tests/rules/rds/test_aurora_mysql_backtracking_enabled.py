from tests.rules.rds.conftest import RDK_CLUSTER

RULE = "aurora-mysql-backtracking-enabled"


def test_backtracking_cluster_is_compliant(db_cluster, evaluate_rule):
    item = db_cluster(RULE, Engine="aurora-mysql", BacktrackWindow=86400)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, backtrackWindowInHours="24").compliance == "COMPLIANT"
    result = evaluate_rule(RULE, item, backtrackWindowInHours="48")
    assert result.compliance == "NON_COMPLIANT" and "24 h" in result.annotation


def test_cluster_without_backtracking_is_non_compliant(db_cluster, evaluate_rule):
    assert evaluate_rule(RULE, db_cluster(RULE, Engine="aurora-mysql")).compliance == "NON_COMPLIANT"


def test_aurora_postgresql_is_not_applicable(db_cluster, evaluate_rule):
    assert evaluate_rule(RULE, db_cluster(RULE)).compliance == "NOT_APPLICABLE"


def test_real_config_item(config_item_from_file, evaluate_rule, samples):
    """The RDK cluster is Aurora MySQL and records no backtrackWindow."""
    assert evaluate_rule(RULE, config_item_from_file(samples / RDK_CLUSTER)).compliance == "NON_COMPLIANT"
