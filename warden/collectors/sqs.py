"""SQS queues, shaped as AWS Config records them: the resource id is the queue URL and the configuration
holds the queue attributes under their API names (QueueArn, KmsMasterKeyId, SqsManagedSseEnabled, Policy)."""

from __future__ import annotations

from collections.abc import Iterator

from warden.aws import Clients
from warden.collectors.base import Attribute, Collector, Patch, configuration, not_found_is_none
from warden.model import ConfigurationItem

QUEUE = "AWS::SQS::Queue"
GONE = {"AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"}


def _queue_item(region: str, account_id: str, url: str) -> ConfigurationItem:
    name = url.rstrip("/").rsplit("/", 1)[-1]
    return ConfigurationItem(
        resource_type=QUEUE,
        resource_id=url,
        arn=f"arn:aws:sqs:{region}:{account_id}:{name}",
        region=region,
        account_id=account_id,
        configuration={"QueueUrl": url, "QueueName": name},
        resource_name=name,
    )


def list_queues(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    paginator = clients.client("sqs", region).get_paginator("list_queues")
    for page in paginator.paginate(PaginationConfig={"PageSize": 1000}):
        for url in page.get("QueueUrls", []):
            yield _queue_item(region, account_id, url)


@not_found_is_none(GONE)
def get_queue(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    clients.client("sqs", region).get_queue_attributes(QueueUrl=resource_id, AttributeNames=["QueueArn"])
    return _queue_item(region, account_id, resource_id)


def fetch_attributes(clients: Clients, item: ConfigurationItem) -> Patch:
    listed = clients.client("sqs", item.region).get_queue_attributes(QueueUrl=item.resource_id, AttributeNames=["All"])[
        "Attributes"
    ]
    return configuration(**listed)


COLLECTORS = (
    Collector(
        QUEUE,
        "sqs:ListQueues",
        list_queues,
        get_queue,
        {
            # A Config item already holds the attributes (QueueArn comes only from them, not the listing).
            "QueueAttributes": Attribute(
                "QueueAttributes", "sqs:GetQueueAttributes", fetch_attributes, recorded_at=("configuration", "QueueArn")
            ),
        },
    ),
)
