from __future__ import annotations

from collections.abc import Callable

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

TRAIL = "AWS::CloudTrail::Trail"


@pytest.fixture
def trail(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    def create(
        rule: str, *, name: str = "audit-trail", logging: bool = True, **trail_args: object
    ) -> ConfigurationItem:
        s3 = aws.client("s3")
        s3.create_bucket(Bucket=f"{name}-logs")
        client = aws.client("cloudtrail")
        client.create_trail(Name=name, S3BucketName=f"{name}-logs", **trail_args)
        if logging:
            client.start_logging(Name=name)
        return moto_item(TRAIL, name, rule)

    return create
