from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

DISTRIBUTION = "AWS::CloudFront::Distribution"
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
API_ORIGIN = {
    "Id": "api",
    "DomainName": "abc123.execute-api.us-east-1.amazonaws.com",
    "CustomOriginConfig": {
        "HTTPPort": 80,
        "HTTPSPort": 443,
        "OriginProtocolPolicy": "https-only",
        "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]},
    },
}

# moto 5.2.5 drops S3OriginConfig and OriginAccessControlId from the origins it returns, so S3 origins are
# tested on Config-shaped items (`with_s3_origin`) rather than through moto.
CONFIG_S3_ORIGIN = {
    "id": "assets",
    "domainName": "orders-assets.s3.amazonaws.com",
    "s3OriginConfig": {"originAccessIdentity": ""},
}


def with_s3_origin(**origin: Any) -> Callable[[dict[str, Any]], None]:
    def change(config: dict[str, Any]) -> None:
        config["origins"] = {"quantity": 1, "items": [{**CONFIG_S3_ORIGIN, **origin}]}

    return change


# A distribution as AWS Config records it (keys from the AWS Config resource schema for
# AWS::CloudFront::Distribution): camelCase, `{quantity, items}` lists, acronyms in lower case.
CONFIG_SHAPED = {
    "id": "E2QWRUHAPOMQZL",
    "arn": "arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL",
    "domainName": "d111111abcdef8.cloudfront.net",
    "distributionConfig": {
        "defaultRootObject": "",
        "origins": {
            "quantity": 1,
            "items": [
                {
                    "id": "api",
                    "domainName": "abc123.execute-api.us-east-1.amazonaws.com",
                    "customOriginConfig": {
                        "httpPort": 80,
                        "httpsPort": 443,
                        "originProtocolPolicy": "match-viewer",
                        "originSslProtocols": {"quantity": 2, "items": ["SSLv3", "TLSv1"]},
                    },
                }
            ],
        },
        "originGroups": {"quantity": 0},
        "defaultCacheBehavior": {"targetOriginId": "api", "viewerProtocolPolicy": "allow-all"},
        "cacheBehaviors": {"quantity": 0},
        "logging": {"enabled": False, "includeCookies": False, "bucket": "", "prefix": ""},
        "viewerCertificate": {
            "acmCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/1b2c",
            "certificateSource": "acm",
            "cloudFrontDefaultCertificate": False,
            "minimumProtocolVersion": "TLSv1.2_2021",
            "sslSupportMethod": "vip",
        },
        "webACLId": "",
        "enabled": True,
    },
}


@pytest.fixture
def config_shaped(config_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """The Config-shaped distribution, with `change(config)` editing its distributionConfig first."""

    def build(change: Callable[[dict[str, Any]], object] | None = None, **supplementary: Any) -> ConfigurationItem:
        configuration = copy.deepcopy(CONFIG_SHAPED)
        if change:
            change(configuration["distributionConfig"])
        return config_item(
            DISTRIBUTION,
            configuration["id"],
            configuration=configuration,
            supplementary=supplementary,
            arn=configuration["arn"],
        )

    return build


@pytest.fixture
def distribution(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a distribution in moto (an API origin by default; keyword arguments override the config)."""
    counter = iter(range(1000))

    def create(rule: str, origins: list[dict[str, Any]] | None = None, **config: Any) -> ConfigurationItem:
        origins = origins or [API_ORIGIN]
        behavior = {
            "TargetOriginId": origins[0]["Id"],
            "ViewerProtocolPolicy": "redirect-to-https",
            "CachePolicyId": CACHING_OPTIMIZED,
        }
        distribution_config = {
            "CallerReference": f"warden-{next(counter)}",
            "Comment": "orders",
            "Enabled": True,
            "Origins": {"Quantity": len(origins), "Items": origins},
            "DefaultCacheBehavior": {**behavior, **config.pop("DefaultCacheBehavior", {})},
            **config,
        }
        created = aws.client("cloudfront").create_distribution(DistributionConfig=distribution_config)
        return moto_item(DISTRIBUTION, created["Distribution"]["Id"], rule)

    return create
