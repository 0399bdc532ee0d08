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
]
