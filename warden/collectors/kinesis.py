"""Kinesis data streams, shaped as AWS Config records them: the resource id is the stream name and the
configuration holds CloudFormation-style keys (Arn, Name, RetentionPeriodHours, StreamEncryption)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import Attribute, Collector, Patch, configuration, not_found_is_none
from warden.model import ConfigurationItem

STREAM = "AWS::Kinesis::Stream"


def _stream_item(region: str, account_id: str, summary: dict[str, Any]) -> ConfigurationItem:
    name = summary["StreamName"]
    arn = summary.get("StreamARN") or f"arn:aws:kinesis:{region}:{account_id}:stream/{name}"
    recorded: dict[str, Any] = {"Arn": arn, "Name": name}
    if "RetentionPeriodHours" in summary:
        recorded["RetentionPeriodHours"] = summary["RetentionPeriodHours"]
    if "EncryptionType" in summary:  # a DescribeStreamSummary answer carries it; ListStreams does not
        recorded.update(_encryption(summary))
    return ConfigurationItem(
        resource_type=STREAM,
        resource_id=name,
        arn=arn,
        region=region,
        account_id=account_id,
        configuration=recorded,
        resource_name=name,
    )


def _encryption(summary: dict[str, Any]) -> dict[str, Any]:
    return {
        "StreamEncryption": {"EncryptionType": summary.get("EncryptionType", "NONE"), "KeyId": summary.get("KeyId")}
    }


def list_streams(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("kinesis", region).get_paginator("list_streams").paginate():
        for summary in page.get("StreamSummaries", []):
            yield _stream_item(region, account_id, summary)


@not_found_is_none({"ResourceNotFoundException"})
def get_stream(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the stream name (an ARN is accepted too, as CloudTrail may name a stream either way)."""
    name = resource_id.rsplit("/", 1)[-1]
    summary = clients.client("kinesis", region).describe_stream_summary(StreamName=name)
    return _stream_item(region, account_id, summary["StreamDescriptionSummary"])


def fetch_encryption(clients: Clients, item: ConfigurationItem) -> Patch:
    summary = clients.client("kinesis", item.region).describe_stream_summary(StreamName=item.resource_id)
    return configuration(**_encryption(summary["StreamDescriptionSummary"]))


COLLECTORS = (
    Collector(
        STREAM,
        "kinesis:ListStreams",
        list_streams,
        get_stream,
        {
            "StreamEncryption": Attribute(
                "StreamEncryption",
                "kinesis:DescribeStreamSummary",
                fetch_encryption,
                recorded_at=("configuration", "StreamEncryption"),
            )
        },
    ),
)
