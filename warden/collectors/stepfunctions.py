"""Step Functions state machines, shaped as AWS Config records them: the resource id is the state machine
ARN and the configuration uses CloudFormation's PascalCase names (LoggingConfiguration.Level, ...)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import Attribute, Collector, Patch, jsonable, not_found_is_none, supplementary
from warden.model import ConfigurationItem

STATE_MACHINE = "AWS::StepFunctions::StateMachine"
GONE = {"StateMachineDoesNotExist", "InvalidArn"}


def pascalize(value: Any) -> Any:
    """The API's camelCase to Config's PascalCase (the reverse of `camelize`)."""
    if isinstance(value, dict):
        return {k[:1].upper() + k[1:]: pascalize(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [pascalize(v) for v in value]
    return jsonable(value)


def log_group_name(state_machine_name: str) -> str:
    """The log group the Step Functions console creates for a state machine's logs."""
    return f"/aws/vendedlogs/states/{state_machine_name}-Logs"


def _machine_item(region: str, account_id: str, machine: dict[str, Any]) -> ConfigurationItem:
    configuration = pascalize(
        {k: v for k, v in machine.items() if k not in ("definition", "stateMachineArn", "name", "type")}
    )
    configuration.update(
        Arn=machine["stateMachineArn"], StateMachineName=machine["name"], StateMachineType=machine.get("type")
    )
    return ConfigurationItem(
        resource_type=STATE_MACHINE,
        resource_id=machine["stateMachineArn"],
        arn=machine["stateMachineArn"],
        region=region,
        account_id=account_id,
        configuration=configuration,
        resource_name=machine["name"],
    )


def list_machines(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("stepfunctions", region).get_paginator("list_state_machines").paginate():
        for machine in page.get("stateMachines", []):
            yield _machine_item(region, account_id, machine)


@not_found_is_none(GONE)
def get_machine(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    described = clients.client("stepfunctions", region).describe_state_machine(stateMachineArn=resource_id)
    return _machine_item(region, account_id, described)


def fetch_logging(clients: Clients, item: ConfigurationItem) -> Patch:
    described = clients.client("stepfunctions", item.region).describe_state_machine(stateMachineArn=item.arn)
    return {"configuration": {"LoggingConfiguration": pascalize(described.get("loggingConfiguration") or {})}}


def fetch_log_group(clients: Clients, item: ConfigurationItem) -> Patch:
    name = log_group_name(str(item.resource_name))
    groups = clients.client("logs", item.region).describe_log_groups(logGroupNamePrefix=name)["logGroups"]
    found = next((g for g in groups if g["logGroupName"] == name), None)
    return supplementary(ExecutionLogGroup={"logGroupName": name, "exists": found is not None})


COLLECTORS = (
    Collector(
        STATE_MACHINE,
        "states:ListStateMachines",
        list_machines,
        get_machine,
        {
            "LoggingConfiguration": Attribute(
                "LoggingConfiguration",
                "states:DescribeStateMachine",
                fetch_logging,
                recorded_at=("configuration", "LoggingConfiguration"),
            ),
            "ExecutionLogGroup": Attribute("ExecutionLogGroup", "logs:DescribeLogGroups", fetch_log_group),
        },
    ),
)
