from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._apigateway import replace

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation

TARGET = "TLS_1_2"


def _update(domain: str, policy: str) -> ApiCall:
    return ApiCall(
        "apigateway",
        "update_domain_name",
        {"domainName": domain, "patchOperations": [replace("/securityPolicy", policy)]},
    )


def rollback(plan: Plan) -> list[ApiCall]:
    return [_update(plan.resource_id, plan.before["securityPolicy"] or "TLS_1_0")]


@remediation(
    id="api-gw-domain-tls-1-2",
    title="Require TLS 1.2 on the custom domain name",
    fixes=("api-gw-domain-tls-1-2",),
    permissions=("apigateway:GET", "apigateway:PATCH"),
    reversible=True,
    risk=Risk.HIGH,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Sets the domain's `securityPolicy` to TLS_1_2. High risk: clients that only speak TLS 1.0/1.1 stop
    connecting."""
    before = {"securityPolicy": item.configuration.get("securityPolicy")}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    return Change((_update(item.resource_id, TARGET),), before, {"securityPolicy": TARGET})
