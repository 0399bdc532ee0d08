from __future__ import annotations

from collections.abc import Callable

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

REPOSITORY = "AWS::ECR::Repository"


@pytest.fixture
def repository(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a repository in moto with `create_repository` arguments, let `setup(ecr, name)` change it, and
    read it back for `rule`."""
    counter = iter(range(1000))

    def create(rule: str, setup: Callable[..., object] | None = None, **arguments: object) -> ConfigurationItem:
        name = f"orders-{next(counter)}"
        ecr = aws.client("ecr")
        ecr.create_repository(repositoryName=name, **arguments)
        if setup:
            setup(ecr, name)
        return moto_item(REPOSITORY, name, rule)

    return create


def config_repository(**configuration: object) -> dict[str, object]:
    """A repository's configuration as AWS Config records it (resource schema AWS::ECR::Repository)."""
    return {
        "RepositoryName": "orders",
        "Arn": "arn:aws:ecr:us-east-1:123456789012:repository/orders",
        "ImageScanningConfiguration": {"ScanOnPush": False},
        "ImageTagMutability": "MUTABLE",
        "EncryptionConfiguration": {"EncryptionType": "AES256"},
        **configuration,
    }
