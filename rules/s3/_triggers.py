"""CloudTrail events that change bucket settings, shared by the bucket rules."""

from __future__ import annotations

from warden.registry import CloudTrailTrigger

BUCKET = "AWS::S3::Bucket"


def bucket_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    return (CloudTrailTrigger("s3.amazonaws.com", ("CreateBucket", *names), BUCKET, "{requestParameters.bucketName}"),)
