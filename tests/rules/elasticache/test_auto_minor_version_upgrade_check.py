from tests.rules.elasticache.conftest import CACHE_CLUSTER, cluster_configuration

RULE = "elasticache-auto-minor-version-upgrade-check"


def test_auto_upgrading_cluster_is_compliant(cache_cluster, evaluate_rule):
    assert evaluate_rule(RULE, cache_cluster(RULE, AutoMinorVersionUpgrade=True)).compliance == "COMPLIANT"


def test_pinned_cluster_is_non_compliant(cache_cluster, evaluate_rule):
    assert evaluate_rule(RULE, cache_cluster(RULE, AutoMinorVersionUpgrade=False)).compliance == "NON_COMPLIANT"


def test_memcached_and_other_types_are_not_applicable(config_item, evaluate_rule):
    memcached = cluster_configuration(engine="memcached", autoMinorVersionUpgrade=False)
    assert evaluate_rule(RULE, config_item(CACHE_CLUSTER, "m", configuration=memcached)).compliance == "NOT_APPLICABLE"
    group = config_item("AWS::ElastiCache::ReplicationGroup", "g")
    assert evaluate_rule(RULE, group).compliance == "NOT_APPLICABLE"
