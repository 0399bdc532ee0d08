from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.apigateway._triggers import REST_STAGE, REST_STAGE_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import CloudTrailTrigger, rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "WebAclArns": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "When set, the stage's web ACL must be one of these WAF web ACL ARNs.",
        }
    },
    "additionalProperties": False,
}
# AWS WAF names the stage ARN (Warden's stage id) when a web ACL is associated or removed.
WAF_EVENTS = (
    CloudTrailTrigger(
        "wafv2.amazonaws.com", ("AssociateWebACL", "DisassociateWebACL"), REST_STAGE, "{requestParameters.resourceArn}"
    ),
)


@rule(
    id="api-gw-associated-with-waf",
    title="API Gateway REST API stages are associated with an AWS WAF web ACL",
    resource_types=(REST_STAGE,),
    severity=Severity.MEDIUM,
    controls=("APIGateway.4",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=(*REST_STAGE_EVENTS, *WAF_EVENTS),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the stage has a web ACL (one of `WebAclArns` when that parameter is set);
    NON_COMPLIANT when it has none, or another one."""
    acl = item.configuration.get("webAclArn")
    if not acl:
        return non_compliant("No AWS WAF web ACL protects the stage: associate a regional web ACL with it.")
    allowed = params["WebAclArns"]
    if allowed and acl not in allowed:
        return non_compliant(f"Web ACL {acl} is not one of the allowed web ACLs.")
    return compliant(f"Web ACL {acl} protects the stage.")
