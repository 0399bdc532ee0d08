from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import CloudTrailTrigger, rule

ACCESS_POINT = "AWS::S3::AccessPoint"
SETTINGS = ("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets")
PARAMETERS = {
    "type": "object",
    "properties": {
        "excludedAccessPoints": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "Names of access points that are public on purpose.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="s3-access-point-public-access-blocks",
    title="S3 access points have every Block Public Access setting enabled",
    resource_types=(ACCESS_POINT,),
    severity=Severity.CRITICAL,
    controls=("S3.19",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("PublicAccessBlockConfiguration",),
    cloudtrail=(
        CloudTrailTrigger("s3.amazonaws.com", ("CreateAccessPoint",), ACCESS_POINT, "{requestParameters.name}"),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when all four Block Public Access settings of the access point are on, or it is one of
    `excludedAccessPoints`; NON_COMPLIANT naming the settings that are off."""
    if item.resource_id in params["excludedAccessPoints"]:
        return compliant(f"Access point {item.resource_id} is excluded as public on purpose.")
    block = item.configuration.get("publicAccessBlockConfiguration") or {}
    off = [s for s in SETTINGS if not block.get(s)]
    if off:
        return non_compliant(f"Block Public Access settings off: {', '.join(off)}; recreate the access point.")
    return compliant("Every Block Public Access setting is on.")
