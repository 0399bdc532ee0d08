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
# SetSubnets moves an ALB/NLB/GWLB to other subnets, and so other Availability Zones.
V2_ZONE_EVENTS = (
    V2_CREATED,
    CloudTrailTrigger(SOURCE, ("SetSubnets",), LOAD_BALANCER_V2, "{requestParameters.loadBalancerArn}"),
)

CLASSIC_NAME = "{requestParameters.loadBalancerName}"


def classic_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    """Creating a Classic Load Balancer and the named calls; all of them name it `loadBalancerName`."""
    return (CloudTrailTrigger(SOURCE, ("CreateLoadBalancer", *names), CLASSIC_LOAD_BALANCER, CLASSIC_NAME),)


CLASSIC_ATTRIBUTE_EVENTS = classic_events("ModifyLoadBalancerAttributes")
CLASSIC_LISTENER_EVENTS = classic_events(
    "CreateLoadBalancerListeners", "DeleteLoadBalancerListeners", "SetLoadBalancerListenerSSLCertificate"
)
CLASSIC_POLICY_EVENTS = classic_events(
    "CreateLoadBalancerListeners",
    "SetLoadBalancerListenerSSLCertificate",
    "CreateLoadBalancerPolicy",
    "SetLoadBalancerPoliciesOfListener",
)
CLASSIC_ZONE_EVENTS = classic_events(
    "EnableAvailabilityZonesForLoadBalancer",
    "DisableAvailabilityZonesForLoadBalancer",
    "AttachLoadBalancerToSubnets",
    "DetachLoadBalancerFromSubnets",
)
# Front-end protocols that encrypt (Classic listeners name TLS "SSL").
SECURE_PROTOCOLS = frozenset({"HTTPS", "SSL"})
# AWS's default desync mitigation mode for Application and Classic Load Balancers alike.
DEFAULT_DESYNC_MODE = "defensive"
DESYNC_MODES = ("defensive", "strictest", "monitor")


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


def classic_additional_attribute(item: ConfigurationItem, key: str) -> str | None:
    for pair in as_list(classic_attributes(item).get("additionalAttributes")):
        if isinstance(pair, dict) and pair.get("key") == key:
            return str(pair.get("value"))
    return None


def classic_listeners(item: ConfigurationItem) -> list[dict[str, Any]]:
    """Each Classic listener (Config's `listenerDescriptions[].listener`) with its `policyNames` beside it."""
    listeners = []
    for description in as_list(item.configuration.get("listenerDescriptions")):
        if isinstance(description, dict) and isinstance(description.get("listener"), dict):
            listeners.append({**description["listener"], "policyNames": as_list(description.get("policyNames"))})
    return listeners


def describe_listener(listener: dict[str, Any]) -> str:
    return f"{listener.get('protocol')}:{listener.get('loadBalancerPort')}"


def zone_count(item: ConfigurationItem) -> int:
    """Availability Zones a load balancer spans: names (Classic) or zone objects (ALB/NLB/GWLB)."""
    zones = {
        z.get("zoneName") if isinstance(z, dict) else z for z in as_list(item.configuration.get("availabilityZones"))
    }
    return len(zones - {None, ""})


def desync_parameter(description: str) -> dict[str, Any]:
    """The desync mode parameter of both desync rules: at most two of AWS's three modes."""
    return {
        "type": "array",
        "items": {"type": "string", "enum": [*DESYNC_MODES, *(m.title() for m in DESYNC_MODES)]},
        "minItems": 1,
        "maxItems": 2,
        "default": ["defensive", "strictest"],
        "description": description,
    }


def preferred_desync_mode(allowed: list[str]) -> str:
    """The mode a fix sets: AWS's default when the parameter allows it, otherwise the first allowed one."""
    modes = [m.lower() for m in allowed]
    return DEFAULT_DESYNC_MODE if DEFAULT_DESYNC_MODE in modes else modes[0]
