from tests.rules.elasticache.conftest import REPLICATION_GROUP, group_configuration

RULE = "elasticache-repl-grp-encrypted-at-rest"


def test_encrypted_group_is_compliant(replication_group, evaluate_rule):
    assert evaluate_rule(RULE, replication_group(RULE, AtRestEncryptionEnabled=True)).compliance == "COMPLIANT"


def test_plain_group_is_non_compliant(replication_group, evaluate_rule):
    assert evaluate_rule(RULE, replication_group(RULE)).compliance == "NON_COMPLIANT"


def test_config_items(config_item, evaluate_rule):
    plain = config_item(REPLICATION_GROUP, "g", configuration=group_configuration(atRestEncryptionEnabled=False))
    assert evaluate_rule(RULE, plain).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::ElastiCache::CacheCluster", "c")).compliance == "NOT_APPLICABLE"
