from tests.rules.rds.conftest import RDK_CLUSTER

RULE = "rds-cluster-copy-tags-to-snapshots-enabled"


def test_copying_cluster_is_compliant(db_cluster, evaluate_rule):
    assert evaluate_rule(RULE, db_cluster(RULE, CopyTagsToSnapshot=True)).compliance == "COMPLIANT"


def test_non_copying_cluster_is_non_compliant(db_cluster, evaluate_rule):
    assert evaluate_rule(RULE, db_cluster(RULE, CopyTagsToSnapshot=False)).compliance == "NON_COMPLIANT"


def test_real_config_item_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    assert evaluate_rule(RULE, config_item_from_file(samples / RDK_CLUSTER)).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::RDS::DBInstance", "db")).compliance == "NOT_APPLICABLE"
