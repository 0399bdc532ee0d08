import pytest

from tests.rules.elasticache.conftest import (
    CACHE_CLUSTER,
    REPLICATION_GROUP,
    cluster_configuration,
    group_configuration,
)

RULE = "elasticache-redis-cluster-automatic-backup-check"


def test_backed_up_cluster_and_group_are_compliant(cache_cluster, replication_group, evaluate_rule):
    assert evaluate_rule(RULE, cache_cluster(RULE, SnapshotRetentionLimit=1)).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, replication_group(RULE, SnapshotRetentionLimit=3)).compliance == "COMPLIANT"


def test_cluster_without_backups_is_non_compliant(cache_cluster, evaluate_rule):
    assert evaluate_rule(RULE, cache_cluster(RULE, SnapshotRetentionLimit=0)).compliance == "NON_COMPLIANT"


@pytest.mark.parametrize(
    "resource_type,configuration,params,expected",
    [
        (
            REPLICATION_GROUP,
            group_configuration(snapshotRetentionLimit=3),
            {"snapshotRetentionPeriod": "7"},
            "NON_COMPLIANT",
        ),
        (REPLICATION_GROUP, group_configuration(snapshotRetentionLimit=7), {"snapshotRetentionPeriod": 7}, "COMPLIANT"),
        (CACHE_CLUSTER, cluster_configuration(engine="memcached", snapshotRetentionLimit=0), {}, "NOT_APPLICABLE"),
        (
            CACHE_CLUSTER,
            cluster_configuration(replicationGroupId="carts", snapshotRetentionLimit=0),
            {},
            "NOT_APPLICABLE",
        ),
    ],
)
def test_config_items(config_item, evaluate_rule, resource_type, configuration, params, expected):
    item = config_item(resource_type, "carts", configuration=configuration)
    assert evaluate_rule(RULE, item, **params).compliance == expected
