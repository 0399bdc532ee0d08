"""Contract scenarios for the ECR, KMS, Secrets Manager, ECS and EKS remediations (joined into test_contract)."""

from __future__ import annotations

import json
from typing import Any

from tests.remediations.test_contract import Scenario
from warden.testing import MotoAccount

LIFECYCLE = json.dumps(
    {
        "rules": [
            {
                "rulePriority": 1,
                "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 5},
                "action": {"type": "expire"},
            }
        ]
    }
)


def _repository(aws: MotoAccount) -> str:
    ecr = aws.client("ecr")
    ecr.create_repository(
        repositoryName="orders",
        imageTagMutability="MUTABLE",
        imageScanningConfiguration={"scanOnPush": False},
        tags=[{"Key": "team", "Value": "orders"}],
    )
    ecr.put_lifecycle_policy(repositoryName="orders", lifecyclePolicyText=LIFECYCLE)
    return "orders"


def _repository_state(aws: MotoAccount, name: str, *skip: str) -> dict[str, Any]:
    ecr = aws.client("ecr")
    found = ecr.describe_repositories(repositoryNames=[name])["repositories"][0]
    return {
        **{k: v for k, v in found.items() if k not in skip},
        "lifecycle": ecr.get_lifecycle_policy(repositoryName=name)["lifecyclePolicyText"],
        "tags": ecr.list_tags_for_resource(resourceArn=found["repositoryArn"])["tags"],
    }


def _key(aws: MotoAccount, pending_deletion: bool = False) -> str:
    kms = aws.client("kms")
    key_id = kms.create_key(Description="orders data", Tags=[{"TagKey": "team", "TagValue": "orders"}])["KeyMetadata"]
    if pending_deletion:
        kms.schedule_key_deletion(KeyId=key_id["KeyId"], PendingWindowInDays=7)
    return str(key_id["KeyId"])


def _key_state(aws: MotoAccount, key_id: str) -> dict[str, Any]:
    kms = aws.client("kms")
    metadata = kms.describe_key(KeyId=key_id)["KeyMetadata"]
    return {
        "description": metadata["Description"],
        "spec": metadata["KeySpec"],
        "policy": kms.get_key_policy(KeyId=key_id, PolicyName="default")["Policy"],
        "tags": kms.list_resource_tags(KeyId=key_id)["Tags"],
    }


def _cluster(aws: MotoAccount) -> str:
    aws.client("ecs").create_cluster(clusterName="shop", tags=[{"key": "team", "value": "platform"}])
    return "shop"


def _cluster_state(aws: MotoAccount, name: str) -> dict[str, Any]:
    found = aws.client("ecs").describe_clusters(clusters=[name], include=["TAGS"])["clusters"][0]
    return {k: v for k, v in found.items() if k != "settings"}


def _eks_cluster(aws: MotoAccount) -> str:
    subnet = aws.client("ec2").describe_subnets()["Subnets"][0]["SubnetId"]
    aws.client("eks").create_cluster(
        name="shop",
        version="1.34",
        roleArn="arn:aws:iam::123456789012:role/eks-cluster",
        resourcesVpcConfig={"subnetIds": [subnet], "endpointPublicAccess": False, "endpointPrivateAccess": True},
        tags={"team": "platform"},
    )
    return "shop"


def _eks_state(aws: MotoAccount, name: str) -> dict[str, Any]:
    found = aws.client("eks").describe_cluster(name=name)["cluster"]
    # moto stores the logging request as sent, replacing what was there, where AWS merges it (tests/README);
    # it also keeps the last request's idempotency token, which is no cluster state.
    return {k: v for k, v in found.items() if k not in ("logging", "clientRequestToken")}


SCENARIOS = [
    Scenario(
        "ecr-enable-scan-on-push",
        "ecr-private-image-scanning-enabled",
        "AWS::ECR::Repository",
        _repository,
        lambda aws, name: _repository_state(aws, name, "imageScanningConfiguration"),
        ("ecr", "PutImageScanningConfiguration"),
    ),
    Scenario(
        "ecr-enable-tag-immutability",
        "ecr-private-tag-immutability-enabled",
        "AWS::ECR::Repository",
        _repository,
        lambda aws, name: _repository_state(aws, name, "imageTagMutability"),
        ("ecr", "PutImageTagMutability"),
    ),
    Scenario(
        "kms-enable-key-rotation",
        "cmk-backing-key-rotation-enabled",
        "AWS::KMS::Key",
        _key,
        _key_state,
        ("kms", "EnableKeyRotation"),
    ),
    Scenario(
        "kms-cancel-key-deletion",
        "kms-cmk-not-scheduled-for-deletion",
        "AWS::KMS::Key",
        lambda aws: _key(aws, pending_deletion=True),
        _key_state,
        ("kms", "CancelKeyDeletion"),
    ),
    Scenario(
        "ecs-enable-container-insights",
        "ecs-container-insights-enabled",
        "AWS::ECS::Cluster",
        _cluster,
        _cluster_state,
        ("ecs", "UpdateCluster"),
    ),
    Scenario(
        "eks-enable-audit-logging",
        "eks-cluster-log-enabled",
        "AWS::EKS::Cluster",
        _eks_cluster,
        _eks_state,
        ("eks", "UpdateClusterConfig"),
    ),
]
