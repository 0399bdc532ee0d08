from __future__ import annotations

from collections.abc import Callable

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

FILE_SYSTEM = "AWS::EFS::FileSystem"
ACCESS_POINT = "AWS::EFS::AccessPoint"


@pytest.fixture
def file_system(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a file system in moto with the given settings and read it back for `rule`."""
    counter = iter(range(1000))

    def create(rule: str, **settings: object) -> ConfigurationItem:
        found = aws.client("efs").create_file_system(CreationToken=f"fs-{next(counter)}", **settings)
        return moto_item(FILE_SYSTEM, found["FileSystemId"], rule)

    return create


@pytest.fixture
def access_point(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create an access point on a new file system with the given settings and read it back for `rule`."""

    def create(rule: str, **settings: object) -> ConfigurationItem:
        efs = aws.client("efs")
        file_system = efs.create_file_system(CreationToken=f"ap-{len(settings)}-{id(settings)}")["FileSystemId"]
        point = efs.create_access_point(FileSystemId=file_system, **settings)
        return moto_item(ACCESS_POINT, point["AccessPointId"], rule)

    return create
