from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

CLUSTER = "AWS::ECS::Cluster"
SERVICE = "AWS::ECS::Service"
TASK_SET = "AWS::ECS::TaskSet"
TASK_DEFINITION = "AWS::ECS::TaskDefinition"


def container(**settings: Any) -> dict[str, Any]:
    """A container definition that passes every ECS rule unless `settings` say otherwise."""
    return {
        "name": "app",
        "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1.4.2",
        "memory": 512,
        "user": "1000",
        "readonlyRootFilesystem": True,
        "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/orders"}},
        **settings,
    }


@pytest.fixture
def task_definition(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Register a task definition in moto and read back its family's latest active revision for `rule`."""

    def register(rule: str, *containers: dict[str, Any], **arguments: Any) -> ConfigurationItem:
        ecs = aws.client("ecs")
        ecs.register_task_definition(
            family="orders", containerDefinitions=list(containers or [container()]), **arguments
        )
        return moto_item(TASK_DEFINITION, "orders", rule)

    return register


def _network(aws: MotoAccount, public_ip: str) -> dict[str, Any]:
    ec2 = aws.client("ec2")
    subnet = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
    group = ec2.describe_security_groups()["SecurityGroups"][0]["GroupId"]
    return {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group], "assignPublicIp": public_ip}}


@pytest.fixture
def service(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a Fargate service in moto (public IP as given) and read it back for `rule`."""

    def create(rule: str, public_ip: str = "DISABLED", **arguments: Any) -> ConfigurationItem:
        ecs = aws.client("ecs")
        ecs.create_cluster(clusterName="shop")
        ecs.register_task_definition(family="orders", networkMode="awsvpc", containerDefinitions=[container()])
        created = ecs.create_service(
            cluster="shop",
            serviceName="orders",
            taskDefinition="orders",
            desiredCount=1,
            networkConfiguration=_network(aws, public_ip),
            **{"launchType": "FARGATE", **arguments},
        )["service"]
        return moto_item(SERVICE, created["serviceArn"], rule)

    return create


@pytest.fixture
def task_set(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a task set on an externally deployed service in moto and read it back for `rule`."""

    def create(rule: str, public_ip: str) -> ConfigurationItem:
        ecs = aws.client("ecs")
        ecs.create_cluster(clusterName="shop")
        ecs.register_task_definition(family="orders", networkMode="awsvpc", containerDefinitions=[container()])
        ecs.create_service(
            cluster="shop", serviceName="orders", desiredCount=1, deploymentController={"type": "EXTERNAL"}
        )
        created = ecs.create_task_set(
            cluster="shop", service="orders", taskDefinition="orders", networkConfiguration=_network(aws, public_ip)
        )["taskSet"]
        return moto_item(TASK_SET, created["taskSetArn"], rule)

    return create


def config_task_definition(*containers: dict[str, Any], **configuration: Any) -> dict[str, Any]:
    """A task definition as AWS Config records it (resource schema AWS::ECS::TaskDefinition)."""
    return {
        "Family": "orders",
        "TaskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7",
        "NetworkMode": "awsvpc",
        "Status": "ACTIVE",
        "ContainerDefinitions": list(containers),
        **configuration,
    }
