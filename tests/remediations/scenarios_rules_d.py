"""Contract scenarios for the edge and load balancer fixes (CloudFront viewer HTTPS, ALB HTTP redirect)."""

from __future__ import annotations

from typing import Any

from tests.remediations.test_contract import Scenario
from tests.rules.elb.conftest import certificate, create_balancer, forward
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


def _open_balancer(aws: MotoAccount) -> str:
    """An ALB whose HTTP listener forwards to the service (with one path rule) beside an HTTPS listener."""
    elbv2 = aws.client("elbv2")
    arn, group = create_balancer(aws)
    http = elbv2.create_listener(LoadBalancerArn=arn, Protocol="HTTP", Port=80, DefaultActions=forward(group))
    elbv2.create_rule(
        ListenerArn=http["Listeners"][0]["ListenerArn"],
        Priority=10,
        Conditions=[{"Field": "path-pattern", "Values": ["/health"]}],
        Actions=forward(group),
    )
    elbv2.create_listener(
        LoadBalancerArn=arn,
        Protocol="HTTPS",
        Port=443,
        Certificates=[{"CertificateArn": certificate(aws)}],
        DefaultActions=forward(group),
    )
    return arn


def _balancer_state(aws: MotoAccount, arn: str) -> dict[str, Any]:
    """Listeners and their rules, but for the HTTP listener's default action, which the fix owns."""
    elbv2 = aws.client("elbv2")
    listeners = elbv2.describe_listeners(LoadBalancerArn=arn)["Listeners"]
    for listener in listeners:
        if listener["Protocol"] == "HTTP":
            listener.pop("DefaultActions")
    rules = [
        [r for r in elbv2.describe_rules(ListenerArn=li["ListenerArn"])["Rules"] if not r["IsDefault"]]
        for li in listeners
    ]
    return {"listeners": listeners, "rules": rules}


SCENARIOS = [
    Scenario(
        "alb-redirect-http-to-https",
        "alb-http-to-https-redirection-check",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        _open_balancer,
        _balancer_state,
        ("elbv2", "ModifyListener"),
    ),
    Scenario(
        "cloudfront-viewer-https-redirect",
        "cloudfront-viewer-policy-https",
        "AWS::CloudFront::Distribution",
        _open_distribution,
        _distribution_state,
        ("cloudfront", "UpdateDistribution"),
    ),
]
