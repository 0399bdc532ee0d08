"""EKS clusters, shaped as AWS Config records AWS::EKS::Cluster (CloudFormation-style keys; the enabled log
types as Logging.ClusterLogging.EnabledTypes)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import Collector, not_found_is_none, pascalize
from warden.model import ConfigurationItem

CLUSTER = "AWS::EKS::Cluster"


def _enabled_log_types(logging: dict[str, Any] | None) -> list[dict[str, str]]:
    entries = (logging or {}).get("clusterLogging") or []
    return [{"Type": kind} for entry in entries if entry.get("enabled") for kind in entry.get("types") or []]


def _cluster_item(region: str, account_id: str, cluster: dict[str, Any]) -> ConfigurationItem:
    config = pascalize({k: v for k, v in cluster.items() if k not in ("tags", "logging", "certificateAuthority")})
    config["Logging"] = {"ClusterLogging": {"EnabledTypes": _enabled_log_types(cluster.get("logging"))}}
    return ConfigurationItem(
        resource_type=CLUSTER,
        resource_id=cluster["name"],
        arn=cluster["arn"],
        region=region,
        account_id=account_id,
        configuration=config,
        tags=dict(cluster.get("tags") or {}),
        resource_name=cluster["name"],
    )


def list_clusters(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    eks = clients.client("eks", region)
    for page in eks.get_paginator("list_clusters").paginate():
        for name in page.get("clusters", []):
            yield _cluster_item(region, account_id, eks.describe_cluster(name=name)["cluster"])


@not_found_is_none({"ResourceNotFoundException"})
def get_cluster(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the cluster name or ARN."""
    name = resource_id.rsplit("/", 1)[-1]
    return _cluster_item(region, account_id, clients.client("eks", region).describe_cluster(name=name)["cluster"])


COLLECTORS = (Collector(CLUSTER, "eks:ListClusters", list_clusters, get_cluster),)
