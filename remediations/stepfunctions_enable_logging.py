from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.collectors.stepfunctions import log_group_name
from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _logging(configuration: Mapping[str, Any]) -> dict[str, Any]:
    """Config's PascalCase logging configuration as UpdateStateMachine takes it."""
    destinations = [
        {"cloudWatchLogsLogGroup": {"logGroupArn": d["CloudWatchLogsLogGroup"]["LogGroupArn"]}}
        for d in configuration.get("Destinations") or []
        if (d.get("CloudWatchLogsLogGroup") or {}).get("LogGroupArn")
    ]
    out: dict[str, Any] = {"level": configuration.get("Level") or "OFF"}
    if "IncludeExecutionData" in configuration:
        out["includeExecutionData"] = bool(configuration["IncludeExecutionData"])
    if destinations:
        out["destinations"] = destinations
    return out


def rollback(plan: Plan) -> list[ApiCall]:
    # The log group stays: it holds what was logged meanwhile, which an audit may need.
    params = {"stateMachineArn": plan.resource_arn, "loggingConfiguration": plan.before["loggingConfiguration"]}
    return [ApiCall("stepfunctions", "update_state_machine", params)]


@remediation(
    id="stepfunctions-enable-logging",
    title="Log state machine executions to a CloudWatch Logs group",
    fixes=("step-functions-state-machine-logging-enabled",),
    permissions=(
        "states:DescribeStateMachine",
        "states:UpdateStateMachine",
        "logs:CreateLogGroup",
        "logs:DescribeLogGroups",
        # What UpdateStateMachine needs of its caller to set up the log delivery.
        "logs:CreateLogDelivery",
        "logs:GetLogDelivery",
        "logs:UpdateLogDelivery",
        "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries",
        "logs:PutResourcePolicy",
        "logs:DescribeResourcePolicies",
    ),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
    attributes=("ExecutionLogGroup",),
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Creates the log group the console would (/aws/vendedlogs/states/<name>-Logs) unless it exists, then
    calls UpdateStateMachine with only a logging configuration: level `logLevel` (ERROR when unset), no
    execution data. The definition, role and tracing stay as they are."""
    current = _logging(item.configuration.get("LoggingConfiguration") or {})
    before = {"loggingConfiguration": current}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    group = item.supplementary.get("ExecutionLogGroup") or {}
    name = group.get("logGroupName") or log_group_name(str(item.resource_name))
    arn = f"arn:aws:logs:{item.region}:{item.account_id}:log-group:{name}:*"
    wanted = {
        "level": params.get("logLevel") or "ERROR",
        "includeExecutionData": False,
        "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": arn}}],
    }
    calls = [] if group.get("exists") else [ApiCall("logs", "create_log_group", {"logGroupName": name})]
    calls.append(
        ApiCall("stepfunctions", "update_state_machine", {"stateMachineArn": item.arn, "loggingConfiguration": wanted})
    )
    return Change(tuple(calls), before, {"loggingConfiguration": wanted})
