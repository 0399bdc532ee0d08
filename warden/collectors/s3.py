"""S3 buckets, shaped as AWS Config records them (supplementary configuration per bucket setting)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import (
    Attribute,
    Collector,
    Patch,
    TruncatedListingError,
    absent_on,
    camelize,
    jsonable,
    not_found_is_none,
    supplementary,
    tags,
)
from warden.model import ConfigurationItem

BUCKET = "AWS::S3::Bucket"
LIST_BUCKETS_PAGE_SIZE = 1000


def _bucket_item(region: str, account_id: str, bucket: dict[str, Any]) -> ConfigurationItem:
    name = bucket["Name"]
    return ConfigurationItem(
        resource_type=BUCKET,
        resource_id=name,
        arn=f"arn:aws:s3:::{name}",
        region=region,
        account_id=account_id,
        configuration=jsonable({"name": name, "creationDate": bucket.get("CreationDate")}),
        resource_name=name,
    )


def list_buckets(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    # The BucketRegion filter gives each region its own buckets with no GetBucketLocation per bucket.
    s3 = clients.client("s3", region)
    token = None  # the token that asked for the current page
    for page in s3.get_paginator("list_buckets").paginate(
        BucketRegion=region, PaginationConfig={"PageSize": LIST_BUCKETS_PAGE_SIZE}
    ):
        buckets = page.get("Buckets", [])
        for bucket in buckets:
            yield _bucket_item(region, account_id, bucket)
        if len(buckets) == LIST_BUCKETS_PAGE_SIZE and not page.get("ContinuationToken"):
            _check_last_page(s3, region, token)
        token = page.get("ContinuationToken")


def _check_last_page(s3: Any, region: str, token: str | None) -> None:
    """A full page without a token is either the exact end or a listing cut short (moto does that).

    The same request for one bucket more tells them apart; the paginator alone would stop without a word.
    """
    request: dict[str, Any] = {"BucketRegion": region, "MaxBuckets": LIST_BUCKETS_PAGE_SIZE + 1}
    if token:
        request["ContinuationToken"] = token
    if len(s3.list_buckets(**request).get("Buckets", [])) > LIST_BUCKETS_PAGE_SIZE:
        raise TruncatedListingError(
            f"ListBuckets returned a full page of {LIST_BUCKETS_PAGE_SIZE} buckets in {region} and no continuation "
            "token, but more exist: those were not scanned"
        )


@not_found_is_none({"NoSuchBucket", "404"})
def get_bucket(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    s3 = clients.client("s3", region)
    s3.head_bucket(Bucket=resource_id)
    return _bucket_item(region, account_id, {"Name": resource_id})


@absent_on({"NoSuchBucketPolicy"}, default=supplementary(BucketPolicy={"policyText": None}))
def fetch_policy(clients: Clients, item: ConfigurationItem) -> Patch:
    policy = clients.client("s3", item.region).get_bucket_policy(Bucket=item.resource_id)["Policy"]
    return supplementary(BucketPolicy={"policyText": policy})


@absent_on({"NoSuchPublicAccessBlockConfiguration"})
def fetch_public_access_block(clients: Clients, item: ConfigurationItem) -> Patch:
    config = clients.client("s3", item.region).get_public_access_block(Bucket=item.resource_id)
    block = config["PublicAccessBlockConfiguration"]
    return supplementary(PublicAccessBlockConfiguration={k[:1].lower() + k[1:]: v for k, v in block.items()})


def fetch_logging(clients: Clients, item: ConfigurationItem) -> Patch:
    enabled = clients.client("s3", item.region).get_bucket_logging(Bucket=item.resource_id).get("LoggingEnabled")
    return supplementary(
        BucketLoggingConfiguration={
            "destinationBucketName": (enabled or {}).get("TargetBucket"),
            "logFilePrefix": (enabled or {}).get("TargetPrefix"),
        }
    )


def fetch_versioning(clients: Clients, item: ConfigurationItem) -> Patch:
    response = clients.client("s3", item.region).get_bucket_versioning(Bucket=item.resource_id)
    mfa = response.get("MFADelete")
    return supplementary(
        BucketVersioningConfiguration={
            "status": response.get("Status", "Off"),
            "isMfaDeleteEnabled": None if mfa is None else mfa == "Enabled",
        }
    )


@absent_on({"NoSuchTagSet"})
def fetch_tags(clients: Clients, item: ConfigurationItem) -> Patch:
    tag_set = clients.client("s3", item.region).get_bucket_tagging(Bucket=item.resource_id)["TagSet"]
    return tags({t["Key"]: t["Value"] for t in tag_set})


# Config records ACLs as the Java SDK writes them: group grantees by name, permissions in CamelCase.
_ACL_PERMISSIONS = {
    "FULL_CONTROL": "FullControl",
    "READ": "Read",
    "WRITE": "Write",
    "READ_ACP": "ReadAcp",
    "WRITE_ACP": "WriteAcp",
}


def _grantee(grantee: dict[str, Any]) -> Any:
    if grantee.get("Type") == "Group":
        return str(grantee.get("URI", "")).rsplit("/", 1)[-1]  # AllUsers, AuthenticatedUsers, LogDelivery
    if "EmailAddress" in grantee:
        return {"emailAddress": grantee["EmailAddress"]}
    return {"id": grantee.get("ID"), "displayName": grantee.get("DisplayName")}


def fetch_acl(clients: Clients, item: ConfigurationItem) -> Patch:
    acl = clients.client("s3", item.region).get_bucket_acl(Bucket=item.resource_id)
    owner = acl.get("Owner") or {}
    return supplementary(
        AccessControlList={
            "owner": {"id": owner.get("ID"), "displayName": owner.get("DisplayName")},
            "grantList": [
                {"grantee": _grantee(g.get("Grantee") or {}), "permission": _ACL_PERMISSIONS.get(g["Permission"])}
                for g in acl.get("Grants", [])
            ],
        }
    )


@absent_on({"NoSuchLifecycleConfiguration"}, default=supplementary(BucketLifecycleConfiguration={"rules": []}))
def fetch_lifecycle(clients: Clients, item: ConfigurationItem) -> Patch:
    rules = clients.client("s3", item.region).get_bucket_lifecycle_configuration(Bucket=item.resource_id)["Rules"]
    return supplementary(BucketLifecycleConfiguration={"rules": [camelize({**r, "Id": r.get("ID")}) for r in rules]})


@absent_on({"ObjectLockConfigurationNotFoundError"})
def fetch_object_lock(clients: Clients, item: ConfigurationItem) -> Patch:
    lock = clients.client("s3", item.region).get_object_lock_configuration(Bucket=item.resource_id)
    return supplementary(ObjectLockConfiguration=camelize(lock["ObjectLockConfiguration"]))


@absent_on({"ServerSideEncryptionConfigurationNotFoundError"})
def fetch_encryption(clients: Clients, item: ConfigurationItem) -> Patch:
    config = clients.client("s3", item.region).get_bucket_encryption(Bucket=item.resource_id)
    rules = [
        {
            "applyServerSideEncryptionByDefault": {
                "sseAlgorithm": r.get("ApplyServerSideEncryptionByDefault", {}).get("SSEAlgorithm"),
                "kmsMasterKeyID": r.get("ApplyServerSideEncryptionByDefault", {}).get("KMSMasterKeyID"),
            },
            "bucketKeyEnabled": r.get("BucketKeyEnabled"),
        }
        for r in config["ServerSideEncryptionConfiguration"]["Rules"]
    ]
    return supplementary(ServerSideEncryptionConfiguration={"rules": rules})


# The API's list per destination type, and the type and destination key Config records for each.
_NOTIFICATION_KINDS = (
    ("TopicConfigurations", "TopicArn", "TopicConfiguration", "topicARN"),
    ("QueueConfigurations", "QueueArn", "QueueConfiguration", "queueARN"),
    ("LambdaFunctionConfigurations", "LambdaFunctionArn", "LambdaConfiguration", "functionARN"),
)


def fetch_notifications(clients: Clients, item: ConfigurationItem) -> Patch:
    response = clients.client("s3", item.region).get_bucket_notification_configuration(Bucket=item.resource_id)
    configurations = {
        entry.get("Id") or f"{kind}-{index}": {
            "events": entry.get("Events", []),
            "filter": camelize(entry["Filter"]) if "Filter" in entry else None,
            "type": kind,
            destination_key: entry[arn_key],
        }
        for list_key, arn_key, kind, destination_key in _NOTIFICATION_KINDS
        for index, entry in enumerate(response.get(list_key, []))
    }
    return supplementary(BucketNotificationConfiguration={"configurations": configurations})


ACCESS_POINT = "AWS::S3::AccessPoint"


def _access_point_item(region: str, account_id: str, point: dict[str, Any]) -> ConfigurationItem:
    return ConfigurationItem(
        resource_type=ACCESS_POINT,
        resource_id=point["Name"],
        arn=point.get("AccessPointArn") or f"arn:aws:s3:{region}:{account_id}:accesspoint/{point['Name']}",
        region=region,
        account_id=account_id,
        configuration=camelize(point),
        resource_name=point["Name"],
    )


def list_access_points(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    s3control, token = clients.client("s3control", region), None
    while True:  # s3control has no paginator for ListAccessPoints
        page = s3control.list_access_points(AccountId=account_id, **({"NextToken": token} if token else {}))
        for point in page.get("AccessPointList", []):
            yield _access_point_item(region, account_id, point)
        token = page.get("NextToken")
        if not token:
            return


@not_found_is_none({"NoSuchAccessPoint"})
def get_access_point(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the access point's name (unique per account and region)."""
    point = clients.client("s3control", region).get_access_point(AccountId=account_id, Name=resource_id)
    return _access_point_item(region, account_id, point)


def fetch_access_point_block(clients: Clients, item: ConfigurationItem) -> Patch:
    point = clients.client("s3control", item.region).get_access_point(AccountId=item.account_id, Name=item.resource_id)
    return {"configuration": {"publicAccessBlockConfiguration": camelize(point["PublicAccessBlockConfiguration"])}}


COLLECTORS = (
    Collector(
        BUCKET,
        "s3:ListBuckets",
        list_buckets,
        get_bucket,
        {
            "BucketPolicy": Attribute("BucketPolicy", "s3:GetBucketPolicy", fetch_policy),
            "PublicAccessBlockConfiguration": Attribute(
                "PublicAccessBlockConfiguration", "s3:GetBucketPublicAccessBlock", fetch_public_access_block
            ),
            "BucketLoggingConfiguration": Attribute("BucketLoggingConfiguration", "s3:GetBucketLogging", fetch_logging),
            "BucketVersioningConfiguration": Attribute(
                "BucketVersioningConfiguration", "s3:GetBucketVersioning", fetch_versioning
            ),
            "Tags": Attribute("Tags", "s3:GetBucketTagging", fetch_tags, recorded_at=("tags", "")),
            "AccessControlList": Attribute("AccessControlList", "s3:GetBucketAcl", fetch_acl),
            "BucketLifecycleConfiguration": Attribute(
                "BucketLifecycleConfiguration", "s3:GetLifecycleConfiguration", fetch_lifecycle
            ),
            "ObjectLockConfiguration": Attribute(
                "ObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration", fetch_object_lock
            ),
            "ServerSideEncryptionConfiguration": Attribute(
                "ServerSideEncryptionConfiguration", "s3:GetEncryptionConfiguration", fetch_encryption
            ),
            "BucketNotificationConfiguration": Attribute(
                "BucketNotificationConfiguration", "s3:GetBucketNotification", fetch_notifications
            ),
        },
    ),
    Collector(
        ACCESS_POINT,
        "s3:ListAccessPoints",
        list_access_points,
        get_access_point,
        {
            "PublicAccessBlockConfiguration": Attribute(
                "PublicAccessBlockConfiguration",
                "s3:GetAccessPoint",
                fetch_access_point_block,
                recorded_at=("configuration", "publicAccessBlockConfiguration"),
            ),
        },
    ),
)
