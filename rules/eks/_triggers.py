"""CloudTrail events that change an EKS cluster, shared by the cluster rules."""

from __future__ import annotations

from warden.registry import CloudTrailTrigger

CLUSTER = "AWS::EKS::Cluster"


def cluster_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    # CreateCluster names the cluster in `name`; later calls carry it in the request path as `name` too.
    return (CloudTrailTrigger("eks.amazonaws.com", ("CreateCluster", *names), CLUSTER, "{requestParameters.name}"),)
