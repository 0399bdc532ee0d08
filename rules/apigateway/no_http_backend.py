from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import CloudTrailTrigger, rule

REST_API = "AWS::ApiGateway::RestApi"
V2_API = "AWS::ApiGatewayV2::Api"
HTTP_TYPES = frozenset({"HTTP", "HTTP_PROXY"})


@rule(
    id="api-gw-no-plain-http-backend",
    title="API Gateway integrations do not send traffic to plain http:// backends",
    resource_types=(REST_API, V2_API),
    severity=Severity.MEDIUM,
    remediation="notify-only",
    attributes=("Integrations",),
    cloudtrail=(
        CloudTrailTrigger(
            "apigateway.amazonaws.com",
            ("PutIntegration", "UpdateIntegration"),
            REST_API,
            "arn:aws:apigateway:{awsRegion}::/restapis/{requestParameters.restApiId}",
        ),
        CloudTrailTrigger(
            "apigateway.amazonaws.com",
            ("CreateIntegration", "UpdateIntegration"),
            V2_API,
            "arn:aws:apigateway:{awsRegion}::/apis/{requestParameters.apiId}",
        ),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every HTTP integration uses https://; NON_COMPLIANT when one uses http://;
    NOT_APPLICABLE when the API has no HTTP integrations (Lambda, AWS service, mock)."""
    integrations = item.supplementary.get("Integrations") or []
    http = [i for i in integrations if str(i.get("type", "")).upper() in HTTP_TYPES]
    if not http:
        return not_applicable("The API has no HTTP integrations.")
    plain = [i for i in http if str(i.get("uri", "")).lower().startswith("http://")]
    if plain:
        routes = ", ".join(str(i.get("route")) for i in plain[:5])
        return non_compliant(
            f"{len(plain)} integration(s) send requests unencrypted over http:// ({routes}); use https:// backends."
        )
    return compliant(f"All {len(http)} HTTP integrations use https://.")
