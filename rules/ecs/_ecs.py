"""What the ECS rules share: resource types, CloudTrail events and reading task definitions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem, as_list
from warden.registry import CloudTrailTrigger

CLUSTER = "AWS::ECS::Cluster"
SERVICE = "AWS::ECS::Service"
TASK_SET = "AWS::ECS::TaskSet"
TASK_DEFINITION = "AWS::ECS::TaskDefinition"
SOURCE = "ecs.amazonaws.com"

# A new revision is the only way a task definition changes; the response names it.
TASK_DEFINITION_EVENTS = (
    CloudTrailTrigger(
        SOURCE, ("RegisterTaskDefinition",), TASK_DEFINITION, "{responseElements.taskDefinition.taskDefinitionArn}"
    ),
)
SERVICE_EVENTS = (
    CloudTrailTrigger(SOURCE, ("CreateService", "UpdateService"), SERVICE, "{responseElements.service.serviceArn}"),
)
TASK_SET_EVENTS = (CloudTrailTrigger(SOURCE, ("CreateTaskSet",), TASK_SET, "{responseElements.taskSet.taskSetArn}"),)
CLUSTER_EVENTS = (
    CloudTrailTrigger(SOURCE, ("CreateCluster",), CLUSTER, "{requestParameters.clusterName}"),
    CloudTrailTrigger(
        SOURCE, ("UpdateCluster", "UpdateClusterSettings"), CLUSTER, "{requestParameters.cluster|basename}"
    ),
)


def containers(item: ConfigurationItem) -> list[Mapping[str, Any]]:
    return [c for c in as_list(item.configuration.get("ContainerDefinitions")) if isinstance(c, Mapping)]


def is_inactive(item: ConfigurationItem) -> bool:
    """Deregistered revisions: the controls judge only a family's latest active revision."""
    return str(item.configuration.get("Status") or "ACTIVE").upper() == "INACTIVE"


def names(found: list[Mapping[str, Any]]) -> str:
    return ", ".join(str(c.get("Name")) for c in found)


def assigns_public_ip(item: ConfigurationItem) -> bool:
    network = item.configuration.get("NetworkConfiguration") or {}
    # Config spells it AwsvpcConfiguration on services and AwsVpcConfiguration on task sets.
    vpc = network.get("AwsvpcConfiguration") or network.get("AwsVpcConfiguration") or {}
    return str(vpc.get("AssignPublicIp") or "DISABLED").upper() == "ENABLED"
