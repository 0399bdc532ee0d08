from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.remediations._apigateway import replace, stage_patch

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def rollback(plan: Plan) -> list[ApiCall]:
    return [
        stage_patch(plan.resource_id, [replace("/clientCertificateId", plan.before.get("clientCertificateId") or "")])
    ]


@remediation(
    id="api-gw-attach-client-certificate",
    title="Generate a client certificate and attach it to the stage",
    fixes=("api-gw-ssl-enabled",),
    permissions=("apigateway:GET", "apigateway:POST", "apigateway:PATCH"),
    reversible=True,
    risk=Risk.HIGH,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Generates an API Gateway client certificate and sets it as the stage's `clientCertificateId`.
    High risk: backends that verify client certificates must be given the new certificate to trust."""
    current = item.configuration.get("clientCertificateId")
    before = {"clientCertificateId": current}
    if current:
        return Change((), before, before)
    generate = ApiCall(
        "apigateway",
        "generate_client_certificate",
        {"description": f"Warden: backend auth for {item.arn}"},
        save_as="certificate",
    )
    attach = stage_patch(item.resource_id, [replace("/clientCertificateId", "{{certificate.clientCertificateId}}")])
    return Change((generate, attach), before, {"clientCertificateId": "(generated)"})
