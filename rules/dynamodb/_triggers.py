"""CloudTrail events that change a table or a DAX cluster (Config's resource id is the name)."""

from __future__ import annotations

from warden.registry import CloudTrailTrigger

SOURCE = "dynamodb.amazonaws.com"
TABLE = "AWS::DynamoDB::Table"
DAX_CLUSTER = "AWS::DAX::Cluster"


def table_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    return (CloudTrailTrigger(SOURCE, ("CreateTable", "UpdateTable", *names), TABLE, "{requestParameters.tableName}"),)


# DAX encryption, at rest and in transit, is chosen at creation and cannot change afterwards.
DAX_EVENTS = (
    CloudTrailTrigger("dax.amazonaws.com", ("CreateCluster",), DAX_CLUSTER, "{requestParameters.clusterName}"),
)
