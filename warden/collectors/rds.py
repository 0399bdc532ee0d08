"""RDS DB instances, clusters, their snapshots and event subscriptions, shaped as AWS Config records them.

Config names instance and DB snapshot keys by lower-casing the API's first letter (`dBInstanceIdentifier`,
`iAMDatabaseAuthenticationEnabled`) but spells cluster and cluster-snapshot keys `dbcluster...`; snapshot
sharing lives in supplementary configuration (`DBSnapshotAttributes`, `DBClusterSnapshotAttributes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from warden.aws import Clients
from warden.collectors.base import Attribute, Collector, Patch, camelize, not_found_is_none, supplementary
from warden.model import ConfigurationItem

DB_INSTANCE = "AWS::RDS::DBInstance"
DB_CLUSTER = "AWS::RDS::DBCluster"
DB_SNAPSHOT = "AWS::RDS::DBSnapshot"
DB_CLUSTER_SNAPSHOT = "AWS::RDS::DBClusterSnapshot"
EVENT_SUBSCRIPTION = "AWS::RDS::EventSubscription"
# Config identifies instances and clusters by resource id (db-XXXX..., cluster-XXXX...), Warden and
# CloudTrail by identifier; identifiers are lower case, so the two cannot be confused.
_DBI_RESOURCE_ID = re.compile(r"^db-[A-Z0-9]{26}$")
_CLUSTER_RESOURCE_ID = re.compile(r"^cluster-[A-Z0-9]{26}$")


def _tags(resource: Mapping[str, Any]) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in resource.get("TagList", [])}


# Cluster keys whose leading acronym Config lower-cases whole (the dBCluster... keys are handled by prefix).
_CLUSTER_CONFIG_KEYS = {
    "iAMDatabaseAuthenticationEnabled": "iamdatabaseAuthenticationEnabled",
    "dBSubnetGroup": "dbsubnetGroup",
}


def _cluster_keys(configuration: dict[str, Any]) -> dict[str, Any]:
    return {
        ("dbcluster" + k[len("dBCluster") :] if k.startswith("dBCluster") else _CLUSTER_CONFIG_KEYS.get(k, k)): v
        for k, v in configuration.items()
    }


def _instance_item(region: str, account_id: str, db: dict[str, Any]) -> ConfigurationItem:
    name = db["DBInstanceIdentifier"]
    return ConfigurationItem(
        resource_type=DB_INSTANCE,
        resource_id=name,
        arn=db.get("DBInstanceArn") or f"arn:aws:rds:{region}:{account_id}:db:{name}",
        region=region,
        account_id=account_id,
        configuration=camelize({k: v for k, v in db.items() if k != "TagList"}),
        tags=_tags(db),
        resource_name=name,
    )


def list_instances(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("rds", region).get_paginator("describe_db_instances").paginate():
        for db in page.get("DBInstances", []):
            yield _instance_item(region, account_id, db)


@not_found_is_none({"DBInstanceNotFound", "DBInstanceNotFoundFault"})
def get_instance(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    rds = clients.client("rds", region)
    if _DBI_RESOURCE_ID.match(resource_id):
        found = rds.describe_db_instances(Filters=[{"Name": "dbi-resource-id", "Values": [resource_id]}])
    else:
        found = rds.describe_db_instances(DBInstanceIdentifier=resource_id)
    return _instance_item(region, account_id, found["DBInstances"][0]) if found["DBInstances"] else None


def _cluster_item(region: str, account_id: str, cluster: dict[str, Any]) -> ConfigurationItem:
    name = cluster["DBClusterIdentifier"]
    return ConfigurationItem(
        resource_type=DB_CLUSTER,
        resource_id=name,
        arn=cluster.get("DBClusterArn") or f"arn:aws:rds:{region}:{account_id}:cluster:{name}",
        region=region,
        account_id=account_id,
        configuration=_cluster_keys(camelize({k: v for k, v in cluster.items() if k != "TagList"})),
        tags=_tags(cluster),
        resource_name=name,
    )


def list_clusters(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("rds", region).get_paginator("describe_db_clusters").paginate():
        for cluster in page.get("DBClusters", []):
            yield _cluster_item(region, account_id, cluster)


@not_found_is_none({"DBClusterNotFoundFault"})
def get_cluster(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    rds = clients.client("rds", region)
    if _CLUSTER_RESOURCE_ID.match(resource_id):
        found = rds.describe_db_clusters(Filters=[{"Name": "db-cluster-resource-id", "Values": [resource_id]}])
    else:
        found = rds.describe_db_clusters(DBClusterIdentifier=resource_id)
    return _cluster_item(region, account_id, found["DBClusters"][0]) if found["DBClusters"] else None


def _snapshot_item(region: str, account_id: str, snapshot: dict[str, Any]) -> ConfigurationItem:
    name = snapshot["DBSnapshotIdentifier"]
    return ConfigurationItem(
        resource_type=DB_SNAPSHOT,
        resource_id=name,
        arn=snapshot.get("DBSnapshotArn") or f"arn:aws:rds:{region}:{account_id}:snapshot:{name}",
        region=region,
        account_id=account_id,
        configuration=camelize({k: v for k, v in snapshot.items() if k != "TagList"}),
        tags=_tags(snapshot),
        resource_name=name,
    )


def list_snapshots(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("rds", region).get_paginator("describe_db_snapshots").paginate():
        for snapshot in page.get("DBSnapshots", []):
            yield _snapshot_item(region, account_id, snapshot)


@not_found_is_none({"DBSnapshotNotFound", "DBSnapshotNotFoundFault"})
def get_snapshot(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    found = clients.client("rds", region).describe_db_snapshots(DBSnapshotIdentifier=resource_id)["DBSnapshots"]
    return _snapshot_item(region, account_id, found[0]) if found else None


def _cluster_snapshot_item(region: str, account_id: str, snapshot: dict[str, Any]) -> ConfigurationItem:
    name = snapshot["DBClusterSnapshotIdentifier"]
    return ConfigurationItem(
        resource_type=DB_CLUSTER_SNAPSHOT,
        resource_id=name,
        arn=snapshot.get("DBClusterSnapshotArn") or f"arn:aws:rds:{region}:{account_id}:cluster-snapshot:{name}",
        region=region,
        account_id=account_id,
        configuration=_cluster_keys(camelize({k: v for k, v in snapshot.items() if k != "TagList"})),
        tags=_tags(snapshot),
        resource_name=name,
    )


def list_cluster_snapshots(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("rds", region).get_paginator("describe_db_cluster_snapshots").paginate():
        for snapshot in page.get("DBClusterSnapshots", []):
            yield _cluster_snapshot_item(region, account_id, snapshot)


@not_found_is_none({"DBClusterSnapshotNotFoundFault"})
def get_cluster_snapshot(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    rds = clients.client("rds", region)
    found = rds.describe_db_cluster_snapshots(DBClusterSnapshotIdentifier=resource_id)["DBClusterSnapshots"]
    return _cluster_snapshot_item(region, account_id, found[0]) if found else None


def _subscription_item(region: str, account_id: str, subscription: dict[str, Any]) -> ConfigurationItem:
    name = subscription["CustSubscriptionId"]
    return ConfigurationItem(
        resource_type=EVENT_SUBSCRIPTION,
        resource_id=name,
        arn=subscription.get("EventSubscriptionArn") or f"arn:aws:rds:{region}:{account_id}:es:{name}",
        region=region,
        account_id=account_id,
        configuration=camelize(subscription),
        resource_name=name,
    )


def list_event_subscriptions(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("rds", region).get_paginator("describe_event_subscriptions").paginate():
        for subscription in page.get("EventSubscriptionsList", []):
            yield _subscription_item(region, account_id, subscription)


@not_found_is_none({"SubscriptionNotFound", "SubscriptionNotFoundFault"})
def get_event_subscription(
    clients: Clients, region: str, account_id: str, resource_id: str
) -> ConfigurationItem | None:
    found = clients.client("rds", region).describe_event_subscriptions(SubscriptionName=resource_id)
    subscriptions = found["EventSubscriptionsList"]
    return _subscription_item(region, account_id, subscriptions[0]) if subscriptions else None


def fetch_snapshot_attributes(clients: Clients, item: ConfigurationItem) -> Patch:
    result = clients.client("rds", item.region).describe_db_snapshot_attributes(DBSnapshotIdentifier=item.resource_id)
    return supplementary(DBSnapshotAttributes=camelize(result["DBSnapshotAttributesResult"]["DBSnapshotAttributes"]))


def fetch_cluster_snapshot_attributes(clients: Clients, item: ConfigurationItem) -> Patch:
    result = clients.client("rds", item.region).describe_db_cluster_snapshot_attributes(
        DBClusterSnapshotIdentifier=item.resource_id
    )
    attributes = result["DBClusterSnapshotAttributesResult"]["DBClusterSnapshotAttributes"]
    return supplementary(DBClusterSnapshotAttributes=camelize(attributes))


COLLECTORS = (
    Collector(DB_INSTANCE, "rds:DescribeDBInstances", list_instances, get_instance),
    Collector(EVENT_SUBSCRIPTION, "rds:DescribeEventSubscriptions", list_event_subscriptions, get_event_subscription),
    Collector(DB_CLUSTER, "rds:DescribeDBClusters", list_clusters, get_cluster),
    Collector(
        DB_SNAPSHOT,
        "rds:DescribeDBSnapshots",
        list_snapshots,
        get_snapshot,
        {
            "DBSnapshotAttributes": Attribute(
                "DBSnapshotAttributes", "rds:DescribeDBSnapshotAttributes", fetch_snapshot_attributes
            )
        },
    ),
    Collector(
        DB_CLUSTER_SNAPSHOT,
        "rds:DescribeDBClusterSnapshots",
        list_cluster_snapshots,
        get_cluster_snapshot,
        {
            "DBClusterSnapshotAttributes": Attribute(
                "DBClusterSnapshotAttributes",
                "rds:DescribeDBClusterSnapshotAttributes",
                fetch_cluster_snapshot_attributes,
            )
        },
    ),
)
