"""Contract scenarios for the edge and load balancer fixes (CloudFront viewer HTTPS, ALB HTTP redirect)."""

from __future__ import annotations

from typing import Any

from tests.remediations.test_contract import Scenario
from warden.testing import MotoAccount

CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"


def _behavior(policy: str, path: str | None = None) -> dict[str, Any]:
    behavior = {"TargetOriginId": "api", "ViewerProtocolPolicy": policy, "CachePolicyId": CACHING_OPTIMIZED}
    return {"PathPattern": path, **behavior} if path else behavior


def _open_distribution(aws: MotoAccount) -> str:
    """A distribution fronting an API: HTTP allowed by default and on /legacy/*, HTTPS only on /admin/*."""
    created = aws.client("cloudfront").create_distribution(
        DistributionConfig={
            "CallerReference": "orders-edge",
            "Comment": "orders API",
            "Enabled": True,
            "DefaultRootObject": "",
            "Logging": {
                "Enabled": True,
                "IncludeCookies": False,
                "Bucket": "edge-logs.s3.amazonaws.com",
                "Prefix": "o/",
            },
            "Origins": {
                "Quantity": 1,
                "Items": [
                    {
                        "Id": "api",
                        "DomainName": "abc123.execute-api.us-east-1.amazonaws.com",
                        "CustomOriginConfig": {
                            "HTTPPort": 80,
                            "HTTPSPort": 443,
                            "OriginProtocolPolicy": "https-only",
                            "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]},
                        },
                    }
                ],
            },
            "DefaultCacheBehavior": _behavior("allow-all"),
            "CacheBehaviors": {
                "Quantity": 2,
                "Items": [_behavior("allow-all", "/legacy/*"), _behavior("https-only", "/admin/*")],
            },
        }
    )
    return str(created["Distribution"]["Id"])


def _distribution_state(aws: MotoAccount, distribution_id: str) -> dict[str, Any]:
    """Everything but the viewer protocol policies, which the fix owns."""
    config = aws.client("cloudfront").get_distribution_config(Id=distribution_id)["DistributionConfig"]
    config["DefaultCacheBehavior"].pop("ViewerProtocolPolicy")
    for behavior in config["CacheBehaviors"]["Items"]:
        if behavior["PathPattern"] != "/admin/*":
            behavior.pop("ViewerProtocolPolicy")
    return dict(config)


SCENARIOS = [
    Scenario(
        "cloudfront-viewer-https-redirect",
        "cloudfront-viewer-policy-https",
        "AWS::CloudFront::Distribution",
        _open_distribution,
        _distribution_state,
        ("cloudfront", "UpdateDistribution"),
    ),
]
