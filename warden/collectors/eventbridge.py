"""EventBridge event buses and global endpoints, shaped as AWS Config records them (resource id: the name;
configuration keys as the API names them: Name, Arn, Policy; ReplicationConfig.State)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import botocore.exceptions

from warden.aws import Clients
from warden.collectors.base import Collector, jsonable, not_found_is_none
from warden.model import ConfigurationItem

EVENT_BUS = "AWS::Events::EventBus"
ENDPOINT = "AWS::Events::Endpoint"


def _item(resource_type: str, region: str, account_id: str, listed: dict[str, Any]) -> ConfigurationItem:
    return ConfigurationItem(
        resource_type=resource_type,
        resource_id=listed["Name"],
        arn=listed["Arn"],
        region=region,
        account_id=account_id,
        configuration=jsonable(listed),
        resource_name=listed["Name"],
    )


def _pages(list_call: Any, key: str) -> Iterator[dict[str, Any]]:
    # botocore has no paginator for these two listings.
    token: dict[str, str] = {}
    while True:
        page = list_call(**token)
        yield from page.get(key, [])
        if not page.get("NextToken"):
            return
        token = {"NextToken": page["NextToken"]}


def list_buses(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for bus in _pages(clients.client("events", region).list_event_buses, "EventBuses"):
        yield _item(EVENT_BUS, region, account_id, bus)


@not_found_is_none({"ResourceNotFoundException"})
def get_bus(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    return _item(EVENT_BUS, region, account_id, clients.client("events", region).describe_event_bus(Name=resource_id))


def list_endpoints(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    try:
        for endpoint in _pages(clients.client("events", region).list_endpoints, "Endpoints"):
            yield _item(ENDPOINT, region, account_id, endpoint)
    except NotImplementedError as exc:
        # Local emulators (moto) lack global endpoints: report the gap as a read error, not a crash.
        error = {"Error": {"Code": "NotImplemented", "Message": str(exc)}}
        raise botocore.exceptions.ClientError(error, "ListEndpoints") from exc


@not_found_is_none({"ResourceNotFoundException"})
def get_endpoint(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    return _item(ENDPOINT, region, account_id, clients.client("events", region).describe_endpoint(Name=resource_id))


COLLECTORS = (
    Collector(EVENT_BUS, "events:ListEventBuses", list_buses, get_bus),
    Collector(ENDPOINT, "events:ListEndpoints", list_endpoints, get_endpoint),
)
