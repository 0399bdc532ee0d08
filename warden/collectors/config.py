"""AWS Config's configuration recorder, one item per Region (Config.1 is a per-Region control).

Config records AWS::Config::ConfigurationRecorder with the recorder's own fields (name, roleARN,
recordingGroup) and its status; a Region without a recorder yields an item for the `default` recorder slot
with `recorderExists: false`, so that the absence itself is evaluated.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import Collector, camelize
from warden.model import ConfigurationItem

RECORDER = "AWS::Config::ConfigurationRecorder"


def _recorder_item(region: str, account_id: str, recorder: dict[str, Any]) -> ConfigurationItem:
    name = recorder.get("name", "default")
    return ConfigurationItem(
        resource_type=RECORDER,
        resource_id=name,
        arn=f"arn:aws:config:{region}:{account_id}:config-recorder/{name}",
        region=region,
        account_id=account_id,
        configuration=recorder,
        resource_name=name,
    )


def _recorders(clients: Clients, region: str) -> list[dict[str, Any]]:
    config = clients.client("config", region)
    recorders: list[dict[str, Any]] = camelize(config.describe_configuration_recorders()["ConfigurationRecorders"])
    statuses = {s["name"]: s for s in config.describe_configuration_recorder_status()["ConfigurationRecordersStatus"]}
    for recorder in recorders:
        recorder["recorderExists"] = True
        recorder["recording"] = bool(statuses.get(recorder.get("name"), {}).get("recording"))
    return recorders


def list_recorders(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    recorders = _recorders(clients, region) or [{"name": "default", "recorderExists": False}]
    for recorder in recorders:
        yield _recorder_item(region, account_id, recorder)


def get_recorder(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem:
    """Resource id: the recorder name; a Region without it yields its empty slot."""
    found = [r for r in _recorders(clients, region) if r.get("name") == resource_id]
    return _recorder_item(region, account_id, found[0] if found else {"name": resource_id, "recorderExists": False})


COLLECTORS = (Collector(RECORDER, "config:DescribeConfigurationRecorders", list_recorders, get_recorder),)
