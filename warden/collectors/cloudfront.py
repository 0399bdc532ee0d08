"""CloudFront distributions (global: read once per scan), shaped as AWS Config records them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import botocore.exceptions

from warden.aws import Clients, error_code
from warden.collectors.base import Attribute, Collector, Patch, camelize, not_found_is_none, pascalize, tags
from warden.model import ConfigurationItem

DISTRIBUTION = "AWS::CloudFront::Distribution"

# API members whose acronyms Config spells in lower case (`ACMCertificateArn` is `acmCertificateArn`).
_ACRONYMS = {
    "ACMCertificateArn": "AcmCertificateArn",
    "IAMCertificateId": "IamCertificateId",
    "SSLSupportMethod": "SslSupportMethod",
    "HTTPPort": "HttpPort",
    "HTTPSPort": "HttpsPort",
}
_FROM_CONFIG = {v[:1].lower() + v[1:]: k for k, v in _ACRONYMS.items()}
# Summary fields that describe the distribution rather than its configuration.
_SUMMARY_ONLY = frozenset({"Id", "ARN", "ETag", "Status", "LastModifiedTime", "DomainName", "AliasICPRecordals"})


def _spell_acronyms(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {_ACRONYMS.get(k, k): _spell_acronyms(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_spell_acronyms(v) for v in value]
    return value


def to_config(distribution_config: Mapping[str, Any]) -> dict[str, Any]:
    """An API `DistributionConfig` in Config's camelCase."""
    converted: dict[str, Any] = camelize(_spell_acronyms(distribution_config))
    return converted


def from_config(value: Any) -> Any:
    """Config's camelCase `distributionConfig` back into the API's `DistributionConfig`."""
    return pascalize(value, acronyms=_FROM_CONFIG)


def _item(region: str, account_id: str, summary: Mapping[str, Any], config: Mapping[str, Any]) -> ConfigurationItem:
    return ConfigurationItem(
        resource_type=DISTRIBUTION,
        resource_id=summary["Id"],
        arn=summary["ARN"],
        region=region,
        account_id=account_id,
        configuration={
            "id": summary["Id"],
            "arn": summary["ARN"],
            "domainName": summary.get("DomainName"),
            "distributionConfig": to_config(config),
        },
        resource_name=summary["Id"],
    )


def list_distributions(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    # The listing carries most of each configuration; logging and the root object need GetDistributionConfig.
    paginator = clients.client("cloudfront", region).get_paginator("list_distributions")
    for page in paginator.paginate():
        for summary in page.get("DistributionList", {}).get("Items", []):
            config = {k: v for k, v in summary.items() if k not in _SUMMARY_ONLY}
            yield _item(region, account_id, summary, config)


@not_found_is_none({"NoSuchDistribution"})
def get_distribution(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the distribution id, as Config records it."""
    distribution = clients.client("cloudfront", region).get_distribution(Id=resource_id)["Distribution"]
    return _item(region, account_id, distribution, distribution["DistributionConfig"])


def fetch_distribution_config(clients: Clients, item: ConfigurationItem) -> Patch:
    """The whole configuration, and its ETag, which an update must name."""
    response = clients.client("cloudfront", item.region).get_distribution_config(Id=item.resource_id)
    return {
        "configuration": {"distributionConfig": to_config(response["DistributionConfig"])},
        "supplementary": {"DistributionConfigETag": response["ETag"]},
    }


def s3_origin_bucket(domain_name: str) -> str | None:
    """The bucket of an S3 REST endpoint origin (`bucket.s3.amazonaws.com`, `bucket.s3.eu-west-1...`)."""
    for marker in (".s3.", ".s3-"):
        if marker in domain_name and domain_name.endswith(".amazonaws.com"):
            return domain_name.split(marker, 1)[0]
    return None


def fetch_origin_buckets(clients: Clients, item: ConfigurationItem) -> Patch:
    """Whether each S3 origin's bucket exists: HeadBucket answers 404 only for a bucket nobody owns."""
    origins = (item.configuration.get("distributionConfig") or {}).get("origins") or {}
    # Config may record CloudFront under the pseudo-region "global"; S3 redirects a HeadBucket to the bucket's.
    region = "us-east-1" if item.region in ("", "global") else item.region
    exists: dict[str, bool] = {}
    for origin in origins.get("items") or []:
        bucket = s3_origin_bucket(origin.get("domainName", "")) if origin.get("s3OriginConfig") else None
        if bucket is None or bucket in exists:
            continue
        try:
            clients.client("s3", region).head_bucket(Bucket=bucket)
            exists[bucket] = True
        except botocore.exceptions.ClientError as exc:
            if error_code(exc) not in ("404", "NoSuchBucket", "403", "AccessDenied"):
                raise
            exists[bucket] = error_code(exc) in ("403", "AccessDenied")  # someone else's bucket still exists
    return {"supplementary": {"S3OriginBuckets": exists}}


def fetch_tags(clients: Clients, item: ConfigurationItem) -> Patch:
    listed = clients.client("cloudfront", item.region).list_tags_for_resource(Resource=item.arn)["Tags"]
    return tags({t["Key"]: t["Value"] for t in listed.get("Items", [])})


COLLECTORS = (
    Collector(
        DISTRIBUTION,
        "cloudfront:ListDistributions",
        list_distributions,
        get_distribution,
        {
            "DistributionConfig": Attribute(
                "DistributionConfig",
                "cloudfront:GetDistributionConfig",
                fetch_distribution_config,
                recorded_at=("configuration", "distributionConfig"),
            ),
            "S3OriginBuckets": Attribute("S3OriginBuckets", "s3:ListBucket", fetch_origin_buckets),
            "Tags": Attribute("Tags", "cloudfront:ListTagsForResource", fetch_tags, recorded_at=("tags", "")),
        },
        is_global=True,
    ),
)
