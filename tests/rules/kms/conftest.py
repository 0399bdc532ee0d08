from __future__ import annotations

from collections.abc import Callable

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

KEY = "AWS::KMS::Key"


@pytest.fixture
def key(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a KMS key in moto with `create_key` arguments, let `setup(kms, key_id)` change it, and read it
    back for `rule`."""

    def create(rule: str, setup: Callable[..., object] | None = None, **arguments: object) -> ConfigurationItem:
        kms = aws.client("kms")
        key_id = kms.create_key(**arguments)["KeyMetadata"]["KeyId"]
        if setup:
            setup(kms, key_id)
        return moto_item(KEY, key_id, rule)

    return create


def config_key(**configuration: object) -> dict[str, object]:
    """A key's configuration as AWS Config records it (resource schema AWS::KMS::Key)."""
    return {
        "keyId": "1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "awsaccountId": "123456789012",
        "enabled": True,
        "keyManager": "CUSTOMER",
        "keyState": "Enabled",
        "keyUsage": "ENCRYPT_DECRYPT",
        "origin": "AWS_KMS",
        "customerMasterKeySpec": "SYMMETRIC_DEFAULT",
        **configuration,
    }
