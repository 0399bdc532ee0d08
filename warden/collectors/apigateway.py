"""API Gateway (REST and v2) stages, APIs and custom domain names, shaped as AWS Config records them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import Attribute, Collector, Patch, camelize, jsonable, not_found_is_none, supplementary
from warden.model import ConfigurationItem, ConfigurationItemError, ResourceIdError

REST_STAGE = "AWS::ApiGateway::Stage"
REST_API = "AWS::ApiGateway::RestApi"
DOMAIN_NAME = "AWS::ApiGateway::DomainName"
V2_STAGE = "AWS::ApiGatewayV2::Stage"
V2_API = "AWS::ApiGatewayV2::Api"

_V2_OPAQUE = frozenset({"StageVariables", "Tags", "RouteSettings"})


def rest_api_arn(region: str, api_id: str) -> str:
    return f"arn:aws:apigateway:{region}::/restapis/{api_id}"


def rest_stage_arn(region: str, api_id: str, stage: str) -> str:
    return f"{rest_api_arn(region, api_id)}/stages/{stage}"


def v2_api_arn(region: str, api_id: str) -> str:
    return f"arn:aws:apigateway:{region}::/apis/{api_id}"


def v2_stage_arn(region: str, api_id: str, stage: str) -> str:
    return f"{v2_api_arn(region, api_id)}/stages/{stage}"


def domain_arn(region: str, name: str) -> str:
    return f"arn:aws:apigateway:{region}::/domainnames/{name}"


def parse_stage_id(resource_id: str) -> tuple[str, str, str]:
    """(region, api id, stage name) from a stage ARN, which Config uses as the resource id."""
    fields = resource_id.split(":", 5)
    parts = fields[-1].strip("/").split("/")
    if len(fields) != 6 or fields[0] != "arn" or len(parts) != 4 or parts[2] != "stages" or not all(parts):
        raise ResourceIdError(f"not an API Gateway stage ARN: {resource_id[:200]!r}")
    return fields[3], parts[1], parts[3]


def _api_id(item: ConfigurationItem, key: str) -> str:
    api_id = item.configuration.get(key)
    if not isinstance(api_id, str) or not api_id:
        raise ConfigurationItemError(f"{item.resource_type} {item.resource_id}: configuration has no {key}")
    return api_id


def _rest_apis(clients: Clients, region: str) -> list[dict[str, Any]]:
    """The region's REST APIs, listed once a scan for the API and stage listings."""
    paginator = clients.client("apigateway", region).get_paginator("get_rest_apis")
    pages = paginator.paginate(PaginationConfig={"PageSize": 500})
    return clients.shared(
        ("apigateway:GetRestApis", region), lambda: [a for page in pages for a in page.get("items", [])]
    )


def _rest_stage_item(region: str, account_id: str, api_id: str, stage: dict[str, Any]) -> ConfigurationItem:
    arn = rest_stage_arn(region, api_id, stage["stageName"])
    return ConfigurationItem(
        resource_type=REST_STAGE,
        resource_id=arn,
        arn=arn,
        region=region,
        account_id=account_id,
        configuration=jsonable(stage),
        tags=stage.get("tags", {}),
        resource_name=stage["stageName"],
    )


def list_rest_stages(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    api = clients.client("apigateway", region)
    for rest_api in _rest_apis(clients, region):
        for stage in api.get_stages(restApiId=rest_api["id"]).get("item", []):
            yield _rest_stage_item(region, account_id, rest_api["id"], stage)


@not_found_is_none({"NotFoundException"})
def get_rest_stage(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    region, api_id, stage_name = parse_stage_id(resource_id)
    stage = clients.client("apigateway", region).get_stage(restApiId=api_id, stageName=stage_name)
    return _rest_stage_item(region, account_id, api_id, stage)


def _rest_api_item(region: str, account_id: str, rest_api: dict[str, Any]) -> ConfigurationItem:
    arn = rest_api_arn(region, rest_api["id"])
    return ConfigurationItem(
        resource_type=REST_API,
        resource_id=arn,
        arn=arn,
        region=region,
        account_id=account_id,
        configuration=jsonable(rest_api),
        tags=rest_api.get("tags", {}),
        resource_name=rest_api.get("name"),
    )


def list_rest_apis(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for rest_api in _rest_apis(clients, region):
        yield _rest_api_item(region, account_id, rest_api)


@not_found_is_none({"NotFoundException"})
def get_rest_api(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    api_id = resource_id.rstrip("/").rsplit("/", 1)[-1]
    rest_api = clients.client("apigateway", region).get_rest_api(restApiId=api_id)
    return _rest_api_item(region, account_id, rest_api)


def fetch_rest_integrations(clients: Clients, item: ConfigurationItem) -> Patch:
    paginator = clients.client("apigateway", item.region).get_paginator("get_resources")
    integrations = []
    for page in paginator.paginate(restApiId=_api_id(item, "id"), embed=["methods"]):
        for resource in page.get("items", []):
            for method, spec in (resource.get("resourceMethods") or {}).items():
                integration = spec.get("methodIntegration") or {}
                integrations.append(
                    {
                        "route": f"{method} {resource.get('path', '')}",
                        "type": integration.get("type"),
                        "uri": integration.get("uri"),
                        "connectionType": integration.get("connectionType", "INTERNET"),
                    }
                )
    return supplementary(Integrations=integrations)


def _domain_item(region: str, account_id: str, domain: dict[str, Any]) -> ConfigurationItem:
    return ConfigurationItem(
        resource_type=DOMAIN_NAME,
        resource_id=domain["domainName"],
        arn=domain_arn(region, domain["domainName"]),
        region=region,
        account_id=account_id,
        configuration=jsonable(domain),
        tags=domain.get("tags", {}),
        resource_name=domain["domainName"],
    )


def list_domains(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    paginator = clients.client("apigateway", region).get_paginator("get_domain_names")
    for page in paginator.paginate():
        for domain in page.get("items", []):
            yield _domain_item(region, account_id, domain)


@not_found_is_none({"NotFoundException"})
def get_domain(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    domain = clients.client("apigateway", region).get_domain_name(domainName=resource_id)
    return _domain_item(region, account_id, domain)


def _v2_apis(clients: Clients, region: str) -> list[dict[str, Any]]:
    """The region's HTTP and WebSocket APIs, listed once a scan for the API, stage and route listings."""
    return clients.shared(("apigatewayv2:GetApis", region), lambda: list(_listed_v2_apis(clients, region)))


def _listed_v2_apis(clients: Clients, region: str) -> Iterator[dict[str, Any]]:
    api = clients.client("apigatewayv2", region)
    token: str | None = None
    while True:  # apigatewayv2 has no paginator for GetApis
        page = api.get_apis(**({"NextToken": token} if token else {}))
        yield from page.get("Items", [])
        token = page.get("NextToken")
        if not token:
            return


def _v2_stage_item(region: str, account_id: str, api: dict[str, Any], stage: dict[str, Any]) -> ConfigurationItem:
    arn = v2_stage_arn(region, api["ApiId"], stage["StageName"])
    return ConfigurationItem(
        resource_type=V2_STAGE,
        resource_id=arn,
        arn=arn,
        region=region,
        account_id=account_id,
        configuration=camelize(stage, _V2_OPAQUE),
        # Config's v2 stage item does not say whether the API is HTTP or WebSocket; we know it here.
        supplementary={"ApiProtocolType": api.get("ProtocolType")},
        tags=stage.get("Tags", {}),
        resource_name=stage["StageName"],
    )


def list_v2_stages(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    client = clients.client("apigatewayv2", region)
    for api in _v2_apis(clients, region):
        token: str | None = None
        while True:
            page = client.get_stages(ApiId=api["ApiId"], **({"NextToken": token} if token else {}))
            for stage in page.get("Items", []):
                yield _v2_stage_item(region, account_id, api, stage)
            token = page.get("NextToken")
            if not token:
                break


@not_found_is_none({"NotFoundException"})
def get_v2_stage(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    region, api_id, stage_name = parse_stage_id(resource_id)
    client = clients.client("apigatewayv2", region)
    api = client.get_api(ApiId=api_id)
    stage = client.get_stage(ApiId=api_id, StageName=stage_name)
    return _v2_stage_item(region, account_id, api, stage)


def _v2_api_item(region: str, account_id: str, api: dict[str, Any]) -> ConfigurationItem:
    arn = v2_api_arn(region, api["ApiId"])
    return ConfigurationItem(
        resource_type=V2_API,
        resource_id=arn,
        arn=arn,
        region=region,
        account_id=account_id,
        configuration=camelize(api, frozenset({"Tags"})),
        tags=api.get("Tags", {}),
        resource_name=api.get("Name"),
    )


def list_v2_apis(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for api in _v2_apis(clients, region):
        yield _v2_api_item(region, account_id, api)


@not_found_is_none({"NotFoundException"})
def get_v2_api(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    api_id = resource_id.rstrip("/").rsplit("/", 1)[-1]
    return _v2_api_item(region, account_id, clients.client("apigatewayv2", region).get_api(ApiId=api_id))


def fetch_v2_integrations(clients: Clients, item: ConfigurationItem) -> Patch:
    client = clients.client("apigatewayv2", item.region)
    integrations, token = [], None
    while True:
        page = client.get_integrations(ApiId=_api_id(item, "apiId"), **({"NextToken": token} if token else {}))
        for integration in page.get("Items", []):
            integrations.append(
                {
                    "route": integration.get("IntegrationId"),
                    "type": integration.get("IntegrationType"),
                    "uri": integration.get("IntegrationUri"),
                    "connectionType": integration.get("ConnectionType", "INTERNET"),
                }
            )
        token = page.get("NextToken")
        if not token:
            return supplementary(Integrations=integrations)


V2_ROUTE = "AWS::ApiGatewayV2::Route"


def v2_route_arn(region: str, api_id: str, route_id: str) -> str:
    return f"{v2_api_arn(region, api_id)}/routes/{route_id}"


def _v2_route_item(region: str, account_id: str, api: dict[str, Any], route: dict[str, Any]) -> ConfigurationItem:
    arn = v2_route_arn(region, api["ApiId"], route["RouteId"])
    return ConfigurationItem(
        resource_type=V2_ROUTE,
        resource_id=arn,
        arn=arn,
        region=region,
        account_id=account_id,
        configuration={"apiId": api["ApiId"], **camelize(route, frozenset({"RequestModels", "RequestParameters"}))},
        # Only a WebSocket API's $connect route can be authorised; the rule needs the protocol to know.
        supplementary={"ApiProtocolType": api.get("ProtocolType")},
        resource_name=route.get("RouteKey"),
    )


def list_v2_routes(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    client = clients.client("apigatewayv2", region)
    for api in _v2_apis(clients, region):
        token: str | None = None
        while True:
            page = client.get_routes(ApiId=api["ApiId"], **({"NextToken": token} if token else {}))
            for route in page.get("Items", []):
                yield _v2_route_item(region, account_id, api, route)
            token = page.get("NextToken")
            if not token:
                break


@not_found_is_none({"NotFoundException"})
def get_v2_route(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: `arn:aws:apigateway:<region>::/apis/<api id>/routes/<route id>`."""
    parts = resource_id.split(":", 5)[-1].strip("/").split("/")
    if len(parts) != 4 or parts[0] != "apis" or parts[2] != "routes":
        return None
    client = clients.client("apigatewayv2", region)
    api = client.get_api(ApiId=parts[1])
    return _v2_route_item(region, account_id, api, client.get_route(ApiId=parts[1], RouteId=parts[3]))


COLLECTORS = (
    Collector(REST_STAGE, "apigateway:GetStages", list_rest_stages, get_rest_stage),
    Collector(
        REST_API,
        "apigateway:GetRestApis",
        list_rest_apis,
        get_rest_api,
        {"Integrations": Attribute("Integrations", "apigateway:GetResources", fetch_rest_integrations)},
    ),
    Collector(DOMAIN_NAME, "apigateway:GetDomainNames", list_domains, get_domain),
    Collector(V2_STAGE, "apigatewayv2:GetStages", list_v2_stages, get_v2_stage),
    Collector(
        V2_API,
        "apigatewayv2:GetApis",
        list_v2_apis,
        get_v2_api,
        {"Integrations": Attribute("Integrations", "apigatewayv2:GetIntegrations", fetch_v2_integrations)},
    ),
    Collector(V2_ROUTE, "apigatewayv2:GetRoutes", list_v2_routes, get_v2_route),
)
