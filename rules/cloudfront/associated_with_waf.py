from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.cloudfront._distribution import DISTRIBUTION, DISTRIBUTION_EVENTS, distribution_config

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "wafWebAclIds": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "When set, the web ACL must be one of these (WAFv2 ARNs or WAF Classic ids).",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="cloudfront-associated-with-waf",
    title="CloudFront distributions are associated with an AWS WAF web ACL",
    resource_types=(DISTRIBUTION,),
    severity=Severity.MEDIUM,
    controls=("CloudFront.6",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=DISTRIBUTION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when a web ACL is associated (one of `wafWebAclIds` when that parameter is set);
    NON_COMPLIANT when there is none, or another one."""
    acl = distribution_config(item).get("webACLId")
    if not acl:
        return non_compliant("No AWS WAF web ACL is associated with the distribution.")
    allowed = params["wafWebAclIds"]
    if allowed and acl not in allowed:
        return non_compliant(f"Web ACL {acl} is not one of the allowed web ACLs.")
    return compliant(f"Web ACL {acl} protects the distribution.")
