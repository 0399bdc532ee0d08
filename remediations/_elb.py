"""What the Classic Load Balancer attribute fixes share: one ModifyLoadBalancerAttributes call."""

from __future__ import annotations

from typing import Any

from warden.remediation import ApiCall


def modify_classic(name: str, attributes: dict[str, Any]) -> ApiCall:
    """Only the attributes named change; ELB keeps the others as they are."""
    return ApiCall(
        "elb", "modify_load_balancer_attributes", {"LoadBalancerName": name, "LoadBalancerAttributes": attributes}
    )
