from __future__ import annotations

from collections.abc import Callable

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

BUCKET = "AWS::S3::Bucket"


@pytest.fixture
def bucket(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a bucket in moto, let `setup(s3, name)` configure it, and read it back for `rule`."""
    counter = iter(range(1000))

    def create(rule: str, setup: Callable[..., object] | None = None) -> ConfigurationItem:
        name = f"warden-test-{next(counter)}"
        s3 = aws.client("s3")
        s3.create_bucket(Bucket=name)
        if setup:
            setup(s3, name)
        return moto_item(BUCKET, name, rule)

    return create
