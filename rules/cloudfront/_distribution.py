"""CloudTrail events that change distributions, and readers over Config's distribution shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import CloudTrailTrigger

DISTRIBUTION = "AWS::CloudFront::Distribution"
SOURCE = "cloudfront.amazonaws.com"

DISTRIBUTION_EVENTS = (
    CloudTrailTrigger(
        SOURCE, ("CreateDistribution", "CreateDistributionWithTags"), DISTRIBUTION, "{responseElements.distribution.id}"
    ),
    CloudTrailTrigger(SOURCE, ("UpdateDistribution",), DISTRIBUTION, "{requestParameters.id}"),
)


def distribution_config(item: ConfigurationItem) -> Mapping[str, Any]:
    return item.configuration.get("distributionConfig") or {}


def listed(container: Any) -> list[Any]:
    """The items of one of CloudFront's `{quantity, items}` lists (absent or null when empty)."""
    return list((container or {}).get("items") or [])


def origins(item: ConfigurationItem) -> list[Mapping[str, Any]]:
    return listed(distribution_config(item).get("origins"))


def s3_origins(item: ConfigurationItem) -> list[Mapping[str, Any]]:
    """Origins of the S3 type (a website endpoint is a custom origin)."""
    return [o for o in origins(item) if o.get("s3OriginConfig")]


def custom_origins(item: ConfigurationItem) -> list[Mapping[str, Any]]:
    return [o for o in origins(item) if o.get("customOriginConfig")]


def cache_behaviors(item: ConfigurationItem) -> list[tuple[str, Mapping[str, Any]]]:
    """(path pattern, behavior) for the default behavior (pattern `*`) and every other one."""
    config = distribution_config(item)
    default = [("*", config.get("defaultCacheBehavior") or {})]
    return default + [(b.get("pathPattern", "?"), b) for b in listed(config.get("cacheBehaviors"))]


def viewer_certificate(item: ConfigurationItem) -> Mapping[str, Any]:
    return distribution_config(item).get("viewerCertificate") or {}


def uses_default_certificate(item: ConfigurationItem) -> bool:
    """The *.cloudfront.net certificate; `certificateSource` is deprecated and read only when the flag is absent."""
    certificate = viewer_certificate(item)
    if "cloudFrontDefaultCertificate" in certificate:
        return bool(certificate["cloudFrontDefaultCertificate"])
    return bool(certificate.get("certificateSource", "cloudfront") == "cloudfront")
