"""CloudTrail events that change load balancers, and readers over Config's load balancer shapes."""

from __future__ import annotations

from typing import Any

from warden.model import ConfigurationItem, as_list
from warden.registry import CloudTrailTrigger

LOAD_BALANCER_V2 = "AWS::ElasticLoadBalancingV2::LoadBalancer"
CLASSIC_LOAD_BALANCER = "AWS::ElasticLoadBalancing::LoadBalancer"
SOURCE = "elasticloadbalancing.amazonaws.com"

V2_CREATED = CloudTrailTrigger(
    SOURCE, ("CreateLoadBalancer",), LOAD_BALANCER_V2, "{responseElements.loadBalancers.0.loadBalancerArn}"
)
V2_ATTRIBUTE_EVENTS = (
    V2_CREATED,
    CloudTrailTrigger(
        SOURCE, ("ModifyLoadBalancerAttributes",), LOAD_BALANCER_V2, "{requestParameters.loadBalancerArn}"
    ),
)
# ModifyListener names only the listener; the collector reads a listener ARN as its load balancer.
V2_LISTENER_EVENTS = (
    V2_CREATED,
    CloudTrailTrigger(SOURCE, ("CreateListener",), LOAD_BALANCER_V2, "{requestParameters.loadBalancerArn}"),
    CloudTrailTrigger(SOURCE, ("ModifyListener",), LOAD_BALANCER_V2, "{requestParameters.listenerArn}"),
)
CLASSIC_ATTRIBUTE_EVENTS = (
    CloudTrailTrigger(
        SOURCE,
        ("CreateLoadBalancer", "ModifyLoadBalancerAttributes"),
        CLASSIC_LOAD_BALANCER,
        "{requestParameters.loadBalancerName}",
    ),
)


def balancer_type(item: ConfigurationItem) -> str:
    return str(item.configuration.get("type") or "")


def v2_attribute(item: ConfigurationItem, key: str) -> str | None:
    """One ALB/NLB/GWLB attribute (Config records them as a list of key/value pairs)."""
    for pair in as_list(item.supplementary.get("LoadBalancerAttributes")):
        if isinstance(pair, dict) and pair.get("key") == key:
            return str(pair.get("value"))
    return None


def classic_attributes(item: ConfigurationItem) -> dict[str, Any]:
    attributes = item.supplementary.get("LoadBalancerAttributes")
    return dict(attributes) if isinstance(attributes, dict) else {}
