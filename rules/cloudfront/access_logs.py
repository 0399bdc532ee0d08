from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudfront._distribution import DISTRIBUTION, DISTRIBUTION_EVENTS, distribution_config

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "S3BucketName": {
            "type": "string",
            "default": "",
            "description": "When set, logs must go to this bucket (name only, without .s3.amazonaws.com).",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="cloudfront-accesslogs-enabled",
    title="CloudFront distributions have standard access logging enabled",
    resource_types=(DISTRIBUTION,),
    severity=Severity.MEDIUM,
    controls=("CloudFront.5",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("DistributionConfig",),
    cloudtrail=DISTRIBUTION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when access logging is enabled (to `S3BucketName` when that parameter is set);
    NON_COMPLIANT when it is off or logs to another bucket."""
    logging = distribution_config(item).get("logging") or {}
    bucket = str(logging.get("bucket") or "").split(".s3", 1)[0]
    if not logging.get("enabled") or not bucket:
        return non_compliant("Access logging is off: enable standard logging to an S3 bucket.")
    wanted = params["S3BucketName"]
    if wanted and bucket != wanted:
        return non_compliant(f"Access logs go to {bucket!r}, not to {wanted!r}.")
    return compliant(f"Access logs go to {bucket!r}.")
