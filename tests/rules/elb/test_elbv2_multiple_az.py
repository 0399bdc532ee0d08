from __future__ import annotations

import pytest

from tests.rules.elb.conftest import LOAD_BALANCER_V2

RULE = "elbv2-multiple-az"


def test_two_zones_are_compliant(balancer, evaluate_rule):
    item = balancer(RULE, kind="network")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, minAvailabilityZones=3).compliance == "NON_COMPLIANT"


def test_one_zone_is_non_compliant(aws, moto_item, evaluate_rule):
    ec2 = aws.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.41.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.41.0.0/24", AvailabilityZone="us-east-1a")["Subnet"]
    created = aws.client("elbv2").create_load_balancer(Name="edge", Subnets=[subnet["SubnetId"]], Type="network")
    item = moto_item(LOAD_BALANCER_V2, created["LoadBalancers"][0]["LoadBalancerArn"], RULE)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_config_shaped_item_and_other_types(config_item, evaluate_rule):
    zones = [{"zoneName": "us-east-1a", "subnetId": "subnet-1", "loadBalancerAddresses": []}]
    item = config_item(
        LOAD_BALANCER_V2,
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/gwy/inspect/1a2b",
        configuration={"type": "gateway", "availabilityZones": zones},
    )
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::ElasticLoadBalancing::LoadBalancer", "l")).compliance == (
        "NOT_APPLICABLE"
    )


def test_the_minimum_is_at_least_two():
    from warden.registry import RuleParameterError, load_rules

    with pytest.raises(RuleParameterError, match="minAvailabilityZones"):
        load_rules().get(RULE).resolve_parameters({"minAvailabilityZones": "1"})
