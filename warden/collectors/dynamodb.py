"""DynamoDB tables and DAX clusters.

Tables are shaped as AWS Config records them (resource id: the table name; configuration: DescribeTable
in camelCase, read with the listing; supplementary ContinuousBackupsDescription). Config records neither
auto scaling nor backup plan coverage, nor DAX clusters: those keep the camelCase convention under names
of Warden's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.backup import covering_plans
from warden.collectors.base import (
    Attribute,
    Collector,
    Patch,
    camelize,
    not_found_is_none,
    supplementary,
    tags,
)
from warden.model import ConfigurationItem, as_list

TABLE = "AWS::DynamoDB::Table"
DAX_CLUSTER = "AWS::DAX::Cluster"


def _table_arn(region: str, account_id: str, name: str) -> str:
    return f"arn:aws:dynamodb:{region}:{account_id}:table/{name}"


def _table_item(region: str, account_id: str, described: dict[str, Any]) -> ConfigurationItem:
    name = described["TableName"]
    return ConfigurationItem(
        resource_type=TABLE,
        resource_id=name,
        arn=described.get("TableArn") or _table_arn(region, account_id, name),
        region=region,
        account_id=account_id,
        configuration=camelize(described),
        resource_name=name,
    )


def list_tables(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    # ListTables returns names only; every table rule reads the description Config records, so it is part
    # of the listing (a table deleted in between is skipped).
    for page in clients.client("dynamodb", region).get_paginator("list_tables").paginate():
        for name in page.get("TableNames", []):
            item = get_table(clients, region, account_id, name)
            if item is not None:
                yield item


@not_found_is_none({"ResourceNotFoundException"})
def get_table(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    described = clients.client("dynamodb", region).describe_table(TableName=resource_id)["Table"]
    return _table_item(region, account_id, described)


def fetch_continuous_backups(clients: Clients, item: ConfigurationItem) -> Patch:
    response = clients.client("dynamodb", item.region).describe_continuous_backups(TableName=item.resource_id)
    return supplementary(ContinuousBackupsDescription=camelize(response["ContinuousBackupsDescription"]))


def fetch_auto_scaling(clients: Clients, item: ConfigurationItem) -> Patch:
    """Scalable targets of the table and its global secondary indexes, each with its scaling policies."""
    autoscaling = clients.client("application-autoscaling", item.region)
    indexes = [g.get("indexName") for g in as_list(item.configuration.get("globalSecondaryIndexes"))]
    resource_ids = [f"table/{item.resource_id}", *(f"table/{item.resource_id}/index/{i}" for i in indexes if i)]
    targets = camelize(
        autoscaling.describe_scalable_targets(ServiceNamespace="dynamodb", ResourceIds=resource_ids)["ScalableTargets"]
    )
    for resource_id in sorted({t["resourceId"] for t in targets}):
        policies = autoscaling.describe_scaling_policies(ServiceNamespace="dynamodb", ResourceId=resource_id)
        for target in targets:
            if target["resourceId"] == resource_id:
                target["policies"] = [
                    camelize(p)
                    for p in policies["ScalingPolicies"]
                    if p["ScalableDimension"] == target["scalableDimension"]
                ]
    return supplementary(AutoScaling=targets)


def fetch_backup_plans(clients: Clients, item: ConfigurationItem) -> Patch:
    """The backup plans whose selections cover the table (by ARN pattern or by tag)."""
    return supplementary(BackupPlans=covering_plans(clients, item, lambda: _table_tags(clients, item)))


def _table_tags(clients: Clients, item: ConfigurationItem) -> dict[str, str]:
    listed = clients.client("dynamodb", item.region).list_tags_of_resource(ResourceArn=item.arn).get("Tags", [])
    return {t["Key"]: t["Value"] for t in listed}


def fetch_tags(clients: Clients, item: ConfigurationItem) -> Patch:
    return tags(_table_tags(clients, item))


def _cluster_item(region: str, account_id: str, cluster: dict[str, Any]) -> ConfigurationItem:
    return ConfigurationItem(
        resource_type=DAX_CLUSTER,
        resource_id=cluster["ClusterName"],
        arn=cluster["ClusterArn"],
        region=region,
        account_id=account_id,
        configuration=camelize(cluster),
        resource_name=cluster["ClusterName"],
    )


def list_clusters(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("dax", region).get_paginator("describe_clusters").paginate():
        for cluster in page.get("Clusters", []):
            yield _cluster_item(region, account_id, cluster)


@not_found_is_none({"ClusterNotFoundFault"})
def get_cluster(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    clusters = clients.client("dax", region).describe_clusters(ClusterNames=[resource_id])["Clusters"]
    return _cluster_item(region, account_id, clusters[0]) if clusters else None


COLLECTORS = (
    Collector(
        TABLE,
        "dynamodb:ListTables",
        list_tables,
        get_table,
        {
            "ContinuousBackupsDescription": Attribute(
                "ContinuousBackupsDescription", "dynamodb:DescribeContinuousBackups", fetch_continuous_backups
            ),
            "AutoScaling": Attribute(
                "AutoScaling", "application-autoscaling:DescribeScalableTargets", fetch_auto_scaling
            ),
            "BackupPlans": Attribute("BackupPlans", "backup:ListBackupPlans", fetch_backup_plans, account_wide=True),
            "Tags": Attribute("Tags", "dynamodb:ListTagsOfResource", fetch_tags, recorded_at=("tags", "")),
        },
    ),
    Collector(DAX_CLUSTER, "dax:DescribeClusters", list_clusters, get_cluster),
)
