import pytest
from botocore.stub import Stubber

from tests.rules.elasticache.conftest import REPLICATION_GROUP, group_configuration

RULE = "elasticache-repl-grp-redis-auth-enabled"


def test_group_with_auth_token_is_compliant(replication_group, evaluate_rule):
    item = replication_group(RULE, TransitEncryptionEnabled=True, AuthToken="a-long-enough-token-123")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_redis_5_group_without_auth_is_non_compliant(replication_group, evaluate_rule):
    # moto does not list a group's member clusters, so the version is unknown: treated as before 6.
    result = evaluate_rule(RULE, replication_group(RULE, EngineVersion="5.0.6"))
    assert result.compliance == "NON_COMPLIANT"


def test_engine_version_is_read_from_a_member_cluster(aws, evaluate_rule):
    from warden.collectors import collector_for

    group = {"ReplicationGroupId": "carts", "MemberClusters": ["carts-001"], "AuthTokenEnabled": False}
    with Stubber(aws.client("elasticache")) as stub:
        stub.add_response(
            "describe_replication_groups", {"ReplicationGroups": [group]}, {"ReplicationGroupId": "carts"}
        )
        stub.add_response(
            "describe_cache_clusters",
            {"CacheClusters": [{"CacheClusterId": "carts-001", "EngineVersion": "7.1.0"}]},
            {"CacheClusterId": "carts-001"},
        )
        item = collector_for(REPLICATION_GROUP).read(
            aws.clients, "us-east-1", aws.account_id, "carts", ["EngineVersion"]
        )
        stub.assert_no_pending_responses()
    assert item.configuration["engineVersion"] == "7.1.0"
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"


@pytest.mark.parametrize(
    "overrides,expected",
    [
        ({"authTokenEnabled": False, "engineVersion": "5.0.6"}, "NON_COMPLIANT"),
        ({"authTokenEnabled": True, "engineVersion": "4.0.10"}, "COMPLIANT"),
        ({"authTokenEnabled": False, "engineVersion": "6.2.6"}, "NOT_APPLICABLE"),
        ({"authTokenEnabled": False, "engine": "valkey", "engineVersion": "8.0"}, "NOT_APPLICABLE"),
    ],
)
def test_config_items(config_item, evaluate_rule, overrides, expected):
    item = config_item(REPLICATION_GROUP, "carts", configuration=group_configuration(**overrides))
    assert evaluate_rule(RULE, item).compliance == expected
