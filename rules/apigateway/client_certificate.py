from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.apigateway._triggers import REST_STAGE, REST_STAGE_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="api-gw-ssl-enabled",
    title="API Gateway REST stages use a client certificate to authenticate to the backend",
    resource_types=(REST_STAGE,),
    severity=Severity.MEDIUM,
    controls=("APIGateway.2",),
    remediation="api-gw-attach-client-certificate",
    cloudtrail=REST_STAGE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the stage has a `clientCertificateId`; NON_COMPLIANT otherwise."""
    certificate = item.configuration.get("clientCertificateId")
    if certificate:
        return compliant(f"Stage authenticates to its backend with client certificate {certificate}.")
    return non_compliant(
        "Stage has no client certificate, so backends cannot tell its calls from anyone else's; "
        "generate one and set clientCertificateId."
    )
