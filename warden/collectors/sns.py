"""SNS topics, shaped as AWS Config records them: the resource id is the topic ARN and the configuration
holds the topic attributes under their API names (TopicArn, Owner, KmsMasterKeyId, Policy)."""

from __future__ import annotations

from collections.abc import Iterator

from warden.aws import Clients
from warden.collectors.base import Attribute, Collector, Patch, configuration, not_found_is_none
from warden.model import ConfigurationItem

TOPIC = "AWS::SNS::Topic"


def _topic_item(region: str, account_id: str, arn: str) -> ConfigurationItem:
    name = arn.rsplit(":", 1)[-1]
    return ConfigurationItem(
        resource_type=TOPIC,
        resource_id=arn,
        arn=arn,
        region=region,
        account_id=account_id,
        configuration={"TopicArn": arn},
        resource_name=name,
    )


def list_topics(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    paginator = clients.client("sns", region).get_paginator("list_topics")
    for page in paginator.paginate():
        for topic in page.get("Topics", []):
            yield _topic_item(region, account_id, topic["TopicArn"])


@not_found_is_none({"NotFound", "NotFoundException"})
def get_topic(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    clients.client("sns", region).get_topic_attributes(TopicArn=resource_id)
    return _topic_item(region, account_id, resource_id)


def fetch_attributes(clients: Clients, item: ConfigurationItem) -> Patch:
    listed = clients.client("sns", item.region).get_topic_attributes(TopicArn=item.resource_id)["Attributes"]
    return configuration(**listed)


COLLECTORS = (
    Collector(
        TOPIC,
        "sns:ListTopics",
        list_topics,
        get_topic,
        {
            # A Config item already holds the attributes (Owner comes only from them, not the listing).
            "TopicAttributes": Attribute(
                "TopicAttributes", "sns:GetTopicAttributes", fetch_attributes, recorded_at=("configuration", "Owner")
            ),
        },
    ),
)
