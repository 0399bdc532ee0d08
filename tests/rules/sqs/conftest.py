from __future__ import annotations

from collections.abc import Callable

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

QUEUE = "AWS::SQS::Queue"


@pytest.fixture
def queue(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a queue in moto with the given attributes and read it back for `rule`."""

    def create(rule: str, name: str = "orders", **attributes: str) -> ConfigurationItem:
        url = aws.client("sqs").create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
        return moto_item(QUEUE, url, rule)

    return create
