from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from warden.findings import Publisher
from warden.pipeline import LocalContext


@pytest.fixture(autouse=True)
def quiet_powertools(monkeypatch):
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "true")
    monkeypatch.setenv("POWERTOOLS_METRICS_NAMESPACE", "Warden")
    monkeypatch.setenv("AWS_REGION", "us-east-1")


@dataclass
class Findings:
    """An SNS topic with a raw-delivery SQS subscription, to see what handlers publish."""

    aws: Any
    topic_arn: str
    queue_url: str

    @property
    def publisher(self) -> Publisher:
        return Publisher(self.aws.client("sns"), self.topic_arn)

    def received(self) -> list[dict[str, Any]]:
        sqs = self.aws.client("sqs")
        out = []
        while messages := sqs.receive_message(
            QueueUrl=self.queue_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"]
        ).get("Messages", []):
            for message in messages:
                out.append({"body": json.loads(message["Body"]), "attributes": message.get("MessageAttributes", {})})
                sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])
        return out


@pytest.fixture
def findings(aws) -> Findings:
    sns, sqs = aws.client("sns"), aws.client("sqs")
    topic = sns.create_topic(Name="findings")["TopicArn"]
    url = sqs.create_queue(QueueName="findings-observer")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={"RawMessageDelivery": "true"})
    return Findings(aws, topic, url)


@pytest.fixture
def context():
    return LocalContext("warden-test")
