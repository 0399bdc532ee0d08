"""KMS keys, shaped as AWS Config records AWS::KMS::Key (KeyMetadata in camelCase, rotation as supplementary)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import (
    Attribute,
    Collector,
    Patch,
    absent_on,
    camelize,
    not_found_is_none,
    supplementary,
    tags,
)
from warden.model import ConfigurationItem

KEY = "AWS::KMS::Key"


def _key_item(region: str, account_id: str, metadata: dict[str, Any]) -> ConfigurationItem:
    config = camelize(metadata)
    # Config spells KeyMetadata's AWSAccountId as "awsaccountId"; camelize alone would give "aWSAccountId".
    config["awsaccountId"] = config.pop("aWSAccountId", account_id)
    return ConfigurationItem(
        resource_type=KEY,
        resource_id=metadata["KeyId"],
        arn=metadata["Arn"],
        region=region,
        account_id=account_id,
        configuration=config,
        resource_name=metadata["KeyId"],
    )


def list_keys(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    # ListKeys returns ids only; the key's state, manager and spec come from DescribeKey.
    kms = clients.client("kms", region)
    for page in kms.get_paginator("list_keys").paginate():
        for key in page.get("Keys", []):
            yield _key_item(region, account_id, kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"])


@not_found_is_none({"NotFoundException"})
def get_key(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the key id or key ARN."""
    return _key_item(region, account_id, clients.client("kms", region).describe_key(KeyId=resource_id)["KeyMetadata"])


# Keys that cannot rotate (asymmetric, HMAC, imported, pending deletion) answer with these errors.
@absent_on({"UnsupportedOperationException", "KMSInvalidStateException"}, default=supplementary(KeyRotationStatus=None))
def fetch_rotation(clients: Clients, item: ConfigurationItem) -> Patch:
    status = clients.client("kms", item.region).get_key_rotation_status(KeyId=item.resource_id)
    return supplementary(KeyRotationStatus=bool(status["KeyRotationEnabled"]))


def fetch_policy(clients: Clients, item: ConfigurationItem) -> Patch:
    policy = clients.client("kms", item.region).get_key_policy(KeyId=item.resource_id, PolicyName="default")
    return supplementary(Policy=json.loads(policy["Policy"]))


def fetch_tags(clients: Clients, item: ConfigurationItem) -> Patch:
    listed = clients.client("kms", item.region).list_resource_tags(KeyId=item.resource_id)["Tags"]
    return tags({t["TagKey"]: t["TagValue"] for t in listed})


COLLECTORS = (
    Collector(
        KEY,
        "kms:ListKeys",
        list_keys,
        get_key,
        {
            "KeyRotationStatus": Attribute("KeyRotationStatus", "kms:GetKeyRotationStatus", fetch_rotation),
            "Policy": Attribute("Policy", "kms:GetKeyPolicy", fetch_policy),
            "Tags": Attribute("Tags", "kms:ListResourceTags", fetch_tags, recorded_at=("tags", "")),
        },
    ),
)
