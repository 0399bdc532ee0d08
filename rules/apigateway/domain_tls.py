from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import CloudTrailTrigger, rule

DOMAIN_NAME = "AWS::ApiGateway::DomainName"
LEGACY_POLICIES = frozenset({"TLS_1_0"})


@rule(
    id="api-gw-domain-tls-1-2",
    title="API Gateway custom domain names require TLS 1.2 or newer",
    resource_types=(DOMAIN_NAME,),
    severity=Severity.MEDIUM,
    remediation="api-gw-domain-tls-1-2",
    cloudtrail=(
        CloudTrailTrigger(
            "apigateway.amazonaws.com",
            ("CreateDomainName", "UpdateDomainName"),
            DOMAIN_NAME,
            "{requestParameters.domainName}",
        ),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the security policy is TLS_1_2 or a newer policy; NON_COMPLIANT for TLS_1_0
    (or no policy, which API Gateway treats as TLS_1_0)."""
    policy = item.configuration.get("securityPolicy") or "TLS_1_0"
    if policy in LEGACY_POLICIES:
        return non_compliant(f"Domain accepts {policy} clients; set securityPolicy to TLS_1_2.")
    return compliant(f"Domain requires {policy}.")
