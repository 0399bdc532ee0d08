"""Secrets Manager secrets, shaped as AWS Config records them (the API's PascalCase; no secret values)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import Collector, jsonable, not_found_is_none
from warden.model import ConfigurationItem

SECRET = "AWS::SecretsManager::Secret"


def _secret_item(region: str, account_id: str, secret: dict[str, Any]) -> ConfigurationItem:
    config = jsonable({k: v for k, v in secret.items() if k not in ("Tags", "VersionIdsToStages")})
    return ConfigurationItem(
        resource_type=SECRET,
        resource_id=secret["ARN"],
        arn=secret["ARN"],
        region=region,
        account_id=account_id,
        configuration=config,
        tags={t["Key"]: t["Value"] for t in secret.get("Tags") or []},
        resource_name=secret["Name"],
    )


def list_secrets(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    # ListSecrets carries rotation, access dates and tags: one call per page of 100 secrets.
    paginator = clients.client("secretsmanager", region).get_paginator("list_secrets")
    for page in paginator.paginate(PaginationConfig={"PageSize": 100}):
        for secret in page.get("SecretList", []):
            yield _secret_item(region, account_id, secret)


@not_found_is_none({"ResourceNotFoundException"})
def get_secret(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the secret ARN as Config records it, or its name."""
    secret = clients.client("secretsmanager", region).describe_secret(SecretId=resource_id)
    return None if secret.get("DeletedDate") else _secret_item(region, account_id, secret)


COLLECTORS = (Collector(SECRET, "secretsmanager:ListSecrets", list_secrets, get_secret),)
