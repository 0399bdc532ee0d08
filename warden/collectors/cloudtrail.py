"""CloudTrail trails, each in its home region, shaped as AWS Config records them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import botocore.exceptions

from warden.aws import Clients, error_code
from warden.collectors.base import Attribute, Collector, Patch, camelize, supplementary, tags
from warden.model import ConfigurationItem

TRAIL = "AWS::CloudTrail::Trail"


def _trail_item(region: str, account_id: str, trail: dict[str, Any]) -> ConfigurationItem:
    return ConfigurationItem(
        resource_type=TRAIL,
        resource_id=trail["Name"],
        arn=trail["TrailARN"],
        region=region,
        account_id=account_id,
        configuration=camelize(trail),
        resource_name=trail["Name"],
    )


def list_trails(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    # Shadow copies of multi-region trails are evaluated once, in their home region.
    for trail in clients.client("cloudtrail", region).describe_trails(includeShadowTrails=False)["trailList"]:
        if trail.get("HomeRegion", region) == region:
            yield _trail_item(region, account_id, trail)


def get_trail(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    listed = clients.client("cloudtrail", region).describe_trails(
        trailNameList=[resource_id], includeShadowTrails=False
    )
    # Match by name or ARN here too: a service that ignores the name filter must not hand back another trail.
    found = [t for t in listed["trailList"] if resource_id in (t["Name"], t["TrailARN"])]
    return _trail_item(region, account_id, found[0]) if found else None


def trail_status(clients: Clients, region: str, trail_arn: str) -> dict[str, Any]:
    status = clients.client("cloudtrail", region).get_trail_status(Name=trail_arn)
    return {"isLogging": bool(status.get("IsLogging"))}


def event_selectors(clients: Clients, region: str, trail_arn: str) -> dict[str, Any]:
    response = clients.client("cloudtrail", region).get_event_selectors(TrailName=trail_arn)
    return {
        "eventSelectors": camelize(response.get("EventSelectors") or []),
        "advancedEventSelectors": camelize(response.get("AdvancedEventSelectors") or []),
    }


def fetch_status(clients: Clients, item: ConfigurationItem) -> Patch:
    return supplementary(TrailStatus=trail_status(clients, item.region, item.arn))


def fetch_selectors(clients: Clients, item: ConfigurationItem) -> Patch:
    return supplementary(EventSelectors=event_selectors(clients, item.region, item.arn))


def fetch_tags(clients: Clients, item: ConfigurationItem) -> Patch:
    listed = clients.client("cloudtrail", item.region).list_tags(ResourceIdList=[item.arn])["ResourceTagList"]
    return tags({t["Key"]: t["Value"] for entry in listed for t in entry.get("TagsList", [])})


def _log_bucket(item: ConfigurationItem) -> str:
    return str(item.configuration.get("s3BucketName") or "")


def fetch_log_bucket_access(clients: Clients, item: ConfigurationItem) -> Patch:
    """Who can read the bucket the trail writes to: its ACL grants, policy and bucket-level Block Public Access.

    Config records these on the bucket, not the trail; a bucket in another account is a read error.
    """
    bucket = _log_bucket(item)
    s3 = clients.client("s3", item.region)
    grants = s3.get_bucket_acl(Bucket=bucket)["Grants"]
    access: dict[str, Any] = {
        "bucketName": bucket,
        "grantees": sorted({g["Grantee"].get("URI") or g["Grantee"].get("ID", "") for g in grants}),
        "policyText": None,
        "publicAccessBlockConfiguration": {},
    }
    try:
        access["policyText"] = s3.get_bucket_policy(Bucket=bucket)["Policy"]
    except botocore.exceptions.ClientError as exc:
        if error_code(exc) != "NoSuchBucketPolicy":
            raise
    try:
        block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
        access["publicAccessBlockConfiguration"] = {k[:1].lower() + k[1:]: v for k, v in block.items()}
    except botocore.exceptions.ClientError as exc:
        if error_code(exc) != "NoSuchPublicAccessBlockConfiguration":
            raise
    return supplementary(LogBucketAccess=access)


def fetch_log_bucket_logging(clients: Clients, item: ConfigurationItem) -> Patch:
    bucket = _log_bucket(item)
    enabled = clients.client("s3", item.region).get_bucket_logging(Bucket=bucket).get("LoggingEnabled") or {}
    return supplementary(LogBucketLogging={"bucketName": bucket, "destinationBucketName": enabled.get("TargetBucket")})


COLLECTORS = (
    Collector(
        TRAIL,
        "cloudtrail:DescribeTrails",
        list_trails,
        get_trail,
        {
            "TrailStatus": Attribute("TrailStatus", "cloudtrail:GetTrailStatus", fetch_status),
            "EventSelectors": Attribute("EventSelectors", "cloudtrail:GetEventSelectors", fetch_selectors),
            "Tags": Attribute("Tags", "cloudtrail:ListTags", fetch_tags, recorded_at=("tags", "")),
            "LogBucketAccess": Attribute("LogBucketAccess", "s3:GetBucketAcl", fetch_log_bucket_access),
            "LogBucketLogging": Attribute("LogBucketLogging", "s3:GetBucketLogging", fetch_log_bucket_logging),
        },
    ),
)
