from tests.rules.elasticache.conftest import REPLICATION_GROUP, group_configuration

RULE = "elasticache-repl-grp-auto-failover-enabled"


def test_failover_group_is_compliant(replication_group, evaluate_rule):
    assert evaluate_rule(RULE, replication_group(RULE, AutomaticFailoverEnabled=True)).compliance == "COMPLIANT"


def test_group_without_failover_is_non_compliant(replication_group, evaluate_rule):
    assert evaluate_rule(RULE, replication_group(RULE)).compliance == "NON_COMPLIANT"


def test_config_items(config_item, evaluate_rule):
    enabling = config_item(REPLICATION_GROUP, "g", configuration=group_configuration(automaticFailover="enabling"))
    assert evaluate_rule(RULE, enabling).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::ElastiCache::CacheCluster", "c")).compliance == "NOT_APPLICABLE"
