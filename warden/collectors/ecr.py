"""ECR private repositories, shaped as AWS Config records them (the CloudFormation-style PascalCase keys)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import (
    Attribute,
    Collector,
    Patch,
    absent_on,
    configuration,
    not_found_is_none,
    pascalize,
    supplementary,
    tags,
)
from warden.model import ConfigurationItem

REPOSITORY = "AWS::ECR::Repository"


def _repository_item(region: str, account_id: str, repository: dict[str, Any]) -> ConfigurationItem:
    name = repository["repositoryName"]
    config = pascalize({k: v for k, v in repository.items() if k not in ("repositoryArn", "repositoryUri")})
    config["Arn"] = repository["repositoryArn"]
    return ConfigurationItem(
        resource_type=REPOSITORY,
        resource_id=name,
        arn=repository["repositoryArn"],
        region=region,
        account_id=account_id,
        configuration=config,
        resource_name=name,
    )


def list_repositories(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    paginator = clients.client("ecr", region).get_paginator("describe_repositories")
    for page in paginator.paginate():
        for repository in page.get("repositories", []):
            yield _repository_item(region, account_id, repository)


@not_found_is_none({"RepositoryNotFoundException"})
def get_repository(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the repository name, or its ARN (CloudTrail names repositories either way)."""
    name = resource_id.split(":repository/", 1)[-1]
    found = clients.client("ecr", region).describe_repositories(repositoryNames=[name])["repositories"]
    return _repository_item(region, account_id, found[0]) if found else None


@absent_on({"LifecyclePolicyNotFoundException"}, default=configuration(LifecyclePolicy=None))
def fetch_lifecycle_policy(clients: Clients, item: ConfigurationItem) -> Patch:
    policy = clients.client("ecr", item.region).get_lifecycle_policy(repositoryName=item.resource_id)
    return configuration(
        LifecyclePolicy={"LifecyclePolicyText": policy["lifecyclePolicyText"], "RegistryId": policy["registryId"]}
    )


def fetch_key_manager(clients: Clients, item: ConfigurationItem) -> Patch:
    """Who manages the repository's KMS key: a key ARN alone does not tell aws/ecr from a customer key."""
    key = (item.configuration.get("EncryptionConfiguration") or {}).get("KmsKey")
    if not key:
        return supplementary(EncryptionKeyManager=None)
    metadata = clients.client("kms", item.region).describe_key(KeyId=key)["KeyMetadata"]
    return supplementary(EncryptionKeyManager=metadata["KeyManager"])


def fetch_tags(clients: Clients, item: ConfigurationItem) -> Patch:
    listed = clients.client("ecr", item.region).list_tags_for_resource(resourceArn=item.arn)["tags"]
    return tags({t["Key"]: t["Value"] for t in listed})


COLLECTORS = (
    Collector(
        REPOSITORY,
        "ecr:DescribeRepositories",
        list_repositories,
        get_repository,
        {
            "LifecyclePolicy": Attribute(
                "LifecyclePolicy",
                "ecr:GetLifecyclePolicy",
                fetch_lifecycle_policy,
                recorded_at=("configuration", "LifecyclePolicy"),
            ),
            "EncryptionKeyManager": Attribute("EncryptionKeyManager", "kms:DescribeKey", fetch_key_manager),
            "Tags": Attribute("Tags", "ecr:ListTagsForResource", fetch_tags, recorded_at=("tags", "")),
        },
    ),
)
