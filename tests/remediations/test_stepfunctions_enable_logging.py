"""The Step Functions logging fix creates the console's log group only when it is missing."""

from __future__ import annotations

RULE = "step-functions-state-machine-logging-enabled"
MACHINE = "AWS::StepFunctions::StateMachine"
GROUP = "/aws/vendedlogs/states/orders-Logs"


def _state_machine(aws):
    # Not imported from scenarios_rules_a: that module and test_contract import each other.
    created = aws.client("stepfunctions").create_state_machine(
        name="orders",
        definition='{"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": true}}}',
        roleArn="arn:aws:iam::123456789012:role/orders-sfn",
    )
    return created["stateMachineArn"]


def test_creates_the_log_group_and_logs_errors_to_it(aws, finding, remediator):
    arn = _state_machine(aws)
    result = remediator().handle(finding(RULE, MACHINE, arn))
    assert result.outcome == "REMEDIATED"
    assert [c.operation for c in result.plan.calls] == ["create_log_group", "update_state_machine"]
    logging = aws.client("stepfunctions").describe_state_machine(stateMachineArn=arn)["loggingConfiguration"]
    assert logging["level"] == "ERROR" and logging["includeExecutionData"] is False
    assert logging["destinations"][0]["cloudWatchLogsLogGroup"]["logGroupArn"].split(":log-group:")[1] == f"{GROUP}:*"
    groups = aws.client("logs").describe_log_groups(logGroupNamePrefix=GROUP)["logGroups"]
    assert [g["logGroupName"] for g in groups] == [GROUP]


def test_an_existing_log_group_is_reused(aws, finding, remediator):
    aws.client("logs").create_log_group(logGroupName=GROUP)
    result = remediator().handle(finding(RULE, MACHINE, _state_machine(aws)))
    assert result.outcome == "REMEDIATED"
    assert [c.operation for c in result.plan.calls] == ["update_state_machine"]
