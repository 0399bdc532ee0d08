"""Which AWS failures are worth another try."""

from __future__ import annotations

import botocore.exceptions
import pytest

from warden.aws import arn_partition, is_known_region, is_retriable
from warden.collectors.base import ReadError, classify
from warden.model import ScanError


def _client_error(code: str, status: int, message: str = "") -> botocore.exceptions.ClientError:
    return botocore.exceptions.ClientError(
        {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}}, "HeadBucket"
    )


@pytest.mark.parametrize(
    ("code", "status", "retriable"),
    [
        ("500", 500, True),  # HeadBucket has no body: its code is its status
        ("503", 503, True),
        ("SlowDown", 503, True),
        ("ThrottlingException", 400, True),
        ("InternalServerError", 500, True),  # unknown code, server-side status
        ("TooManyRequests", 429, True),
        ("AccessDenied", 403, False),
        ("404", 404, False),
        ("ValidationException", 400, False),
    ],
)
def test_server_failures_and_throttling_are_retriable_with_or_without_a_body(code, status, retriable):
    assert is_retriable(_client_error(code, status)) is retriable


def test_a_read_error_is_classified_by_its_code():
    failure = ReadError(ScanError("AWS::S3::Bucket", "us-east-1", "HeadBucket", "503", "unavailable", "b"))
    assert classify(failure) == ("503", True)
    assert classify(_client_error("AccessDenied", 403)) == ("AccessDenied", False)
    assert classify(botocore.exceptions.ReadTimeoutError(endpoint_url="https://s3")) == ("ReadTimeoutError", True)


@pytest.mark.parametrize(
    "region,partition,known",
    [
        ("us-east-1", "aws", True),
        ("global", "aws", True),  # Config's region for IAM items
        ("cn-north-1", "aws", False),
        ("cn-north-1", "aws-cn", True),
        ("us-gov-west-1", "aws-us-gov", True),
        ("xx-nowhere-9", "aws", False),
        ("", "aws", False),
    ],
)
def test_regions_are_known_per_partition(region, partition, known):
    assert is_known_region(region, partition) is known


def test_arn_partition():
    assert arn_partition("arn:aws-cn:s3:::bucket") == "aws-cn"
    assert arn_partition("sg-123") is None and arn_partition("arn::s3") is None


def test_the_caller_is_asked_once_for_account_arn_and_partition(aws):
    assert (aws.clients.account_id, aws.clients.partition) == ("123456789012", "aws")
    assert aws.clients.caller_arn.startswith("arn:aws:sts::123456789012:")
    assert aws.clients.calls["sts:GetCallerIdentity"] == 1
