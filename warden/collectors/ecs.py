"""ECS clusters, services, task sets and task definitions, shaped as AWS Config records them (the
CloudFormation-style PascalCase keys). Describe calls are batched as far as ECS allows (100 clusters, 10
services a call); task sets come inside their service's description, so they cost no call of their own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import botocore.exceptions

from warden.aws import Clients, error_code
from warden.collectors.base import Collector, not_found_is_none, pascalize
from warden.model import ConfigurationItem

CLUSTER = "AWS::ECS::Cluster"
SERVICE = "AWS::ECS::Service"
TASK_SET = "AWS::ECS::TaskSet"
TASK_DEFINITION = "AWS::ECS::TaskDefinition"
# User-defined maps inside ECS shapes, whose keys are data and must keep their case.
OPAQUE = frozenset({"options", "dockerLabels", "driverOpts", "labels", "systemControls"})


def _tags(entity: dict[str, Any]) -> dict[str, str]:
    return {t["key"]: t["value"] for t in entity.get("tags") or []}


def _item(
    resource_type: str,
    resource_id: str,
    arn: str,
    name: str,
    region: str,
    account_id: str,
    config: Any,
    tags: dict[str, str],
) -> ConfigurationItem:
    return ConfigurationItem(
        resource_type=resource_type,
        resource_id=resource_id,
        arn=arn,
        region=region,
        account_id=account_id,
        configuration=config,
        tags=tags,
        resource_name=name,
    )


def _cluster_item(region: str, account_id: str, cluster: dict[str, Any]) -> ConfigurationItem:
    config = pascalize({k: v for k, v in cluster.items() if k not in ("tags", "settings", "clusterArn")}, OPAQUE)
    config["Arn"] = cluster["clusterArn"]
    config["ClusterSettings"] = pascalize(cluster.get("settings") or [])
    name = cluster["clusterName"]
    return _item(CLUSTER, name, cluster["clusterArn"], name, region, account_id, config, _tags(cluster))


def _describe_clusters(clients: Clients, region: str, names: list[str]) -> list[dict[str, Any]]:
    ecs = clients.client("ecs", region)
    found: list[dict[str, Any]] = []
    for start in range(0, len(names), 100):
        batch = names[start : start + 100]
        found += ecs.describe_clusters(clusters=batch, include=["SETTINGS", "TAGS"])["clusters"]
    return [c for c in found if c.get("status") != "INACTIVE"]


def _cluster_arns(clients: Clients, region: str) -> list[str]:
    """The region's clusters, listed once a scan for the cluster, service and task set listings."""
    paginator = clients.client("ecs", region).get_paginator("list_clusters")
    return clients.shared(
        ("ecs:ListClusters", region),
        lambda: [arn for page in paginator.paginate() for arn in page.get("clusterArns", [])],
    )


def list_clusters(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for cluster in _describe_clusters(clients, region, _cluster_arns(clients, region)):
        yield _cluster_item(region, account_id, cluster)


def get_cluster(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the cluster name or ARN."""
    found = _describe_clusters(clients, region, [resource_id])
    return _cluster_item(region, account_id, found[0]) if found else None


def _service_item(region: str, account_id: str, service: dict[str, Any]) -> ConfigurationItem:
    dropped = ("tags", "taskSets", "deployments", "events", "clusterArn")
    config = pascalize({k: v for k, v in service.items() if k not in dropped}, OPAQUE)
    config["Cluster"] = service["clusterArn"]
    arn = service["serviceArn"]
    return _item(SERVICE, arn, arn, service["serviceName"], region, account_id, config, _tags(service))


def _task_set_item(region: str, account_id: str, task_set: dict[str, Any]) -> ConfigurationItem:
    config = pascalize({k: v for k, v in task_set.items() if k not in ("tags", "clusterArn", "serviceArn")}, OPAQUE)
    config["Cluster"], config["Service"] = task_set["clusterArn"], task_set["serviceArn"]
    arn = task_set["taskSetArn"]
    return _item(TASK_SET, arn, arn, task_set["id"], region, account_id, config, _tags(task_set))


def _services(clients: Clients, region: str) -> list[dict[str, Any]]:
    """The region's live services with their task sets, described once a scan for both listings."""
    return clients.shared(("ecs:ListServices", region), lambda: list(_described_services(clients, region)))


def _described_services(clients: Clients, region: str) -> Iterator[dict[str, Any]]:
    ecs = clients.client("ecs", region)
    for cluster in _cluster_arns(clients, region):
        arns = [a for page in ecs.get_paginator("list_services").paginate(cluster=cluster) for a in page["serviceArns"]]
        for start in range(0, len(arns), 10):
            described = ecs.describe_services(cluster=cluster, services=arns[start : start + 10], include=["TAGS"])
            for service in described["services"]:
                if service.get("status") != "INACTIVE":
                    # Events and deployments are in no item: not kept while the scan holds the services.
                    yield {k: v for k, v in service.items() if k not in ("events", "deployments")}


def list_services(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for service in _services(clients, region):
        yield _service_item(region, account_id, service)


def list_task_sets(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for service in _services(clients, region):
        for task_set in service.get("taskSets") or []:
            yield _task_set_item(region, account_id, task_set)


def _arn_path(arn: str, kind: str) -> list[str]:
    """The names after `:<kind>/` in an ECS ARN (service/cluster/name, task-set/cluster/service/id)."""
    return arn.split(f":{kind}/", 1)[-1].split("/")


@not_found_is_none({"ClusterNotFoundException", "ServiceNotFoundException"})
def get_service(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the service ARN (the old ARN form without a cluster means the default cluster)."""
    path = _arn_path(resource_id, "service")
    cluster = path[0] if len(path) > 1 else "default"
    found = clients.client("ecs", region).describe_services(cluster=cluster, services=[resource_id], include=["TAGS"])
    live = [s for s in found["services"] if s.get("status") != "INACTIVE"]
    return _service_item(region, account_id, live[0]) if live else None


@not_found_is_none({"ClusterNotFoundException", "ServiceNotFoundException", "TaskSetNotFoundException"})
def get_task_set(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the task set ARN (task-set/cluster/service/id)."""
    cluster, service = _arn_path(resource_id, "task-set")[:2]
    found = clients.client("ecs", region).describe_task_sets(cluster=cluster, service=service, taskSets=[resource_id])
    return _task_set_item(region, account_id, found["taskSets"][0]) if found["taskSets"] else None


def _task_definition_item(region: str, account_id: str, response: dict[str, Any]) -> ConfigurationItem:
    definition = response["taskDefinition"]
    config = pascalize(definition, OPAQUE)
    arn = definition["taskDefinitionArn"]
    name = f"{definition['family']}:{definition['revision']}"
    return _item(TASK_DEFINITION, arn, arn, name, region, account_id, config, _tags(response))


def list_task_definitions(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    # The controls judge each family's latest active revision, which describing the family returns.
    ecs = clients.client("ecs", region)
    paginator = ecs.get_paginator("list_task_definition_families")
    for page in paginator.paginate(status="ACTIVE"):
        for family in page.get("families", []):
            response = ecs.describe_task_definition(taskDefinition=family, include=["TAGS"])
            yield _task_definition_item(region, account_id, response)


def get_task_definition(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the task definition ARN, family:revision, or a family (its latest active revision)."""
    try:
        response = clients.client("ecs", region).describe_task_definition(taskDefinition=resource_id, include=["TAGS"])
    except botocore.exceptions.ClientError as exc:
        # ECS answers a missing task definition with a generic ClientException.
        if error_code(exc) == "ClientException":
            return None
        raise
    return _task_definition_item(region, account_id, response)


COLLECTORS = (
    Collector(CLUSTER, "ecs:ListClusters", list_clusters, get_cluster),
    Collector(SERVICE, "ecs:ListServices", list_services, get_service),
    Collector(TASK_SET, "ecs:ListServices", list_task_sets, get_task_set),
    Collector(TASK_DEFINITION, "ecs:ListTaskDefinitionFamilies", list_task_definitions, get_task_definition),
)
