from tests.rules.elasticache.conftest import CACHE_CLUSTER, cluster_configuration

RULE = "elasticache-subnet-group-check"


def test_custom_subnet_group_is_compliant(aws, cache_cluster, evaluate_rule):
    subnet = aws.client("ec2").describe_subnets()["Subnets"][0]["SubnetId"]
    aws.client("elasticache").create_cache_subnet_group(
        CacheSubnetGroupName="private-cache", CacheSubnetGroupDescription="private", SubnetIds=[subnet]
    )
    item = cache_cluster(RULE, CacheSubnetGroupName="private-cache")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_cluster_without_a_subnet_group_is_non_compliant(cache_cluster, evaluate_rule):
    assert evaluate_rule(RULE, cache_cluster(RULE)).compliance == "NON_COMPLIANT"


def test_config_items(config_item, evaluate_rule):
    default = config_item(CACHE_CLUSTER, "s", configuration=cluster_configuration(cacheSubnetGroupName="default"))
    assert evaluate_rule(RULE, default).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::ElastiCache::ReplicationGroup", "g")).compliance == "NOT_APPLICABLE"
