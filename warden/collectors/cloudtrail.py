"""CloudTrail trails, each in its home region, shaped as AWS Config records them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import Attribute, Collector, Patch, camelize, supplementary, tags
from warden.model import ConfigurationItem

TRAIL = "AWS::CloudTrail::Trail"


def _trail_item(region: str, account_id: str, trail: dict[str, Any]) -> ConfigurationItem:
    return ConfigurationItem(
        resource_type=TRAIL,
        resource_id=trail["Name"],
        arn=trail["TrailARN"],
        region=region,
        account_id=account_id,
        configuration=camelize(trail),
        resource_name=trail["Name"],
    )


def list_trails(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    # Shadow copies of multi-region trails are evaluated once, in their home region.
    for trail in clients.client("cloudtrail", region).describe_trails(includeShadowTrails=False)["trailList"]:
        if trail.get("HomeRegion", region) == region:
            yield _trail_item(region, account_id, trail)


def get_trail(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    listed = clients.client("cloudtrail", region).describe_trails(
        trailNameList=[resource_id], includeShadowTrails=False
    )
    # Match by name or ARN here too: a service that ignores the name filter must not hand back another trail.
    found = [t for t in listed["trailList"] if resource_id in (t["Name"], t["TrailARN"])]
    return _trail_item(region, account_id, found[0]) if found else None


def trail_status(clients: Clients, region: str, trail_arn: str) -> dict[str, Any]:
    status = clients.client("cloudtrail", region).get_trail_status(Name=trail_arn)
    return {"isLogging": bool(status.get("IsLogging"))}


def event_selectors(clients: Clients, region: str, trail_arn: str) -> dict[str, Any]:
    response = clients.client("cloudtrail", region).get_event_selectors(TrailName=trail_arn)
    return {
        "eventSelectors": camelize(response.get("EventSelectors") or []),
        "advancedEventSelectors": camelize(response.get("AdvancedEventSelectors") or []),
    }


def fetch_status(clients: Clients, item: ConfigurationItem) -> Patch:
    return supplementary(TrailStatus=trail_status(clients, item.region, item.arn))


def fetch_selectors(clients: Clients, item: ConfigurationItem) -> Patch:
    return supplementary(EventSelectors=event_selectors(clients, item.region, item.arn))


def fetch_tags(clients: Clients, item: ConfigurationItem) -> Patch:
    listed = clients.client("cloudtrail", item.region).list_tags(ResourceIdList=[item.arn])["ResourceTagList"]
    return tags({t["Key"]: t["Value"] for entry in listed for t in entry.get("TagsList", [])})


COLLECTORS = (
    Collector(
        TRAIL,
        "cloudtrail:DescribeTrails",
        list_trails,
        get_trail,
        {
            "TrailStatus": Attribute("TrailStatus", "cloudtrail:GetTrailStatus", fetch_status),
            "EventSelectors": Attribute("EventSelectors", "cloudtrail:GetEventSelectors", fetch_selectors),
            "Tags": Attribute("Tags", "cloudtrail:ListTags", fetch_tags, recorded_at=("tags", "")),
        },
    ),
)
