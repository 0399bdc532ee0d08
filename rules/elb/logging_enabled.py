from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import (
    CLASSIC_ATTRIBUTE_EVENTS,
    CLASSIC_LOAD_BALANCER,
    LOAD_BALANCER_V2,
    V2_ATTRIBUTE_EVENTS,
    balancer_type,
    classic_attributes,
    v2_attribute,
)

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "s3BucketNames": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "When set, access logs must go to one of these buckets.",
        }
    },
    "additionalProperties": False,
}


def _destination(item: ConfigurationItem) -> tuple[bool, str]:
    if item.resource_type == CLASSIC_LOAD_BALANCER:
        access_log = classic_attributes(item).get("accessLog") or {}
        return bool(access_log.get("enabled")), str(access_log.get("s3BucketName") or "")
    return v2_attribute(item, "access_logs.s3.enabled") == "true", v2_attribute(item, "access_logs.s3.bucket") or ""


@rule(
    id="elb-logging-enabled",
    title="Application and Classic Load Balancers have access logging enabled",
    resource_types=(LOAD_BALANCER_V2, CLASSIC_LOAD_BALANCER),
    severity=Severity.MEDIUM,
    controls=("ELB.5",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("LoadBalancerAttributes",),
    cloudtrail=(*V2_ATTRIBUTE_EVENTS, *CLASSIC_ATTRIBUTE_EVENTS),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when access logs go to S3 (to one of `s3BucketNames` when that parameter is set);
    NON_COMPLIANT when logging is off or goes elsewhere; NOT_APPLICABLE to Network and Gateway Load
    Balancers, which the control does not cover."""
    if item.resource_type == LOAD_BALANCER_V2 and balancer_type(item) != "application":
        return not_applicable("ELB.5 covers Application and Classic Load Balancers.")
    enabled, bucket = _destination(item)
    if not enabled:
        return non_compliant("Access logging is off: enable it to an S3 bucket.")
    allowed = params["s3BucketNames"]
    if allowed and bucket not in allowed:
        return non_compliant(f"Access logs go to {bucket!r}, which is not one of the allowed buckets.")
    return compliant(f"Access logs go to {bucket!r}.")
