"""Contract scenarios for the rules-f fixes (EC2 transit gateway auto-accept, Kinesis stream encryption)."""

from __future__ import annotations

from typing import Any

from tests.remediations.scenario import Scenario
from warden.testing import MotoAccount


def _auto_accepting_gateway(aws: MotoAccount) -> str:
    gateway = aws.client("ec2").create_transit_gateway(
        Description="shared with the platform accounts",
        Options={"AutoAcceptSharedAttachments": "enable", "DnsSupport": "disable", "AmazonSideAsn": 64600},
        TagSpecifications=[{"ResourceType": "transit-gateway", "Tags": [{"Key": "team", "Value": "network"}]}],
    )
    return str(gateway["TransitGateway"]["TransitGatewayId"])


def _gateway_state(aws: MotoAccount, gateway_id: str) -> dict[str, Any]:
    gateway = aws.client("ec2").describe_transit_gateways(TransitGatewayIds=[gateway_id])["TransitGateways"][0]
    options = {k: v for k, v in gateway["Options"].items() if k != "AutoAcceptSharedAttachments"}
    return {"options": options, "description": gateway.get("Description"), "tags": gateway.get("Tags")}


def _unencrypted_stream(aws: MotoAccount) -> str:
    kinesis = aws.client("kinesis")
    kinesis.create_stream(StreamName="clickstream", ShardCount=2)
    kinesis.add_tags_to_stream(StreamName="clickstream", Tags={"team": "analytics"})
    kinesis.increase_stream_retention_period(StreamName="clickstream", RetentionPeriodHours=48)
    return "clickstream"


def _stream_state(aws: MotoAccount, name: str) -> dict[str, Any]:
    kinesis = aws.client("kinesis")
    summary = kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]
    return {
        "retention": summary["RetentionPeriodHours"],
        "shards": summary["OpenShardCount"],
        "tags": kinesis.list_tags_for_stream(StreamName=name)["Tags"],
    }


SCENARIOS = [
    Scenario(
        "ec2-disable-transit-gateway-auto-accept",
        "ec2-transit-gateway-auto-vpc-attach-disabled",
        "AWS::EC2::TransitGateway",
        _auto_accepting_gateway,
        _gateway_state,
        ("ec2", "ModifyTransitGateway"),
    ),
    Scenario(
        "kinesis-start-stream-encryption",
        "kinesis-stream-encrypted",
        "AWS::Kinesis::Stream",
        _unencrypted_stream,
        _stream_state,
        ("kinesis", "StartStreamEncryption"),
    ),
]
