from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

CLUSTER = "AWS::EKS::Cluster"


@pytest.fixture
def cluster(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create an EKS cluster in moto (`public` endpoint or not, other create_cluster arguments as given) and
    read it back for `rule`."""

    def create(rule: str, public: bool = False, **arguments: Any) -> ConfigurationItem:
        subnet = aws.client("ec2").describe_subnets()["Subnets"][0]["SubnetId"]
        aws.client("eks").create_cluster(
            name="shop",
            roleArn="arn:aws:iam::123456789012:role/eks-cluster",
            resourcesVpcConfig={"subnetIds": [subnet], "endpointPublicAccess": public, "endpointPrivateAccess": True},
            **arguments,
        )
        return moto_item(CLUSTER, "shop", rule)

    return create


def config_cluster(**configuration: Any) -> dict[str, Any]:
    """A cluster as AWS Config records it (resource schema AWS::EKS::Cluster)."""
    return {
        "Name": "shop",
        "Arn": "arn:aws:eks:us-east-1:123456789012:cluster/shop",
        "Version": "1.34",
        "ResourcesVpcConfig": {"EndpointPublicAccess": False, "EndpointPrivateAccess": True},
        "Logging": {"ClusterLogging": {"EnabledTypes": [{"Type": "audit"}]}},
        **configuration,
    }
