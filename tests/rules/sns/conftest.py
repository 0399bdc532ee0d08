from __future__ import annotations

from collections.abc import Callable

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

TOPIC = "AWS::SNS::Topic"


@pytest.fixture
def topic(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a topic in moto with the given attributes and read it back for `rule`."""

    def create(rule: str, name: str = "orders", **attributes: str) -> ConfigurationItem:
        arn = aws.client("sns").create_topic(Name=name, Attributes=attributes)["TopicArn"]
        return moto_item(TOPIC, arn, rule)

    return create
