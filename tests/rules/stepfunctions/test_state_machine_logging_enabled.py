from __future__ import annotations

import pytest

RULE = "step-functions-state-machine-logging-enabled"
MACHINE = "AWS::StepFunctions::StateMachine"
ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:orders"
DEFINITION = '{"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": true}}}'


@pytest.fixture
def machine(aws, moto_item):
    def create(level=None):
        client = aws.client("stepfunctions")
        arn = client.create_state_machine(
            name="orders", definition=DEFINITION, roleArn="arn:aws:iam::123456789012:role/orders-sfn"
        )["stateMachineArn"]
        if level:
            group = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/orders-Logs:*"
            client.update_state_machine(
                stateMachineArn=arn,
                loggingConfiguration={
                    "level": level,
                    "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": group}}],
                },
            )
        return moto_item(MACHINE, arn, RULE)

    return create


def test_logging_machine_is_compliant(machine, evaluate_rule):
    result = evaluate_rule(RULE, machine("ERROR"))
    assert (result.compliance, result.resource_id) == ("COMPLIANT", ARN)


def test_machine_without_logging_is_non_compliant(machine, evaluate_rule):
    result = evaluate_rule(RULE, machine())
    assert result.compliance == "NON_COMPLIANT"
    assert "OFF" in result.annotation


def test_the_least_level_is_a_parameter(machine, evaluate_rule):
    item = machine("FATAL")
    assert evaluate_rule(RULE, item, logLevel="ERROR").compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, item, logLevel="FATAL").compliance == "COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    # Config records the CloudFormation shape: LoggingConfiguration.Level, Destinations[].CloudWatchLogsLogGroup.
    recorded = {
        "Arn": ARN,
        "StateMachineName": "orders",
        "LoggingConfiguration": {
            "Level": "ALL",
            "IncludeExecutionData": True,
            "Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": "arn:aws:logs:us-east-1:1:log-group:x:*"}}],
        },
    }
    assert evaluate_rule(RULE, config_item(MACHINE, ARN, configuration=recorded)).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::SQS::Queue", "q")).compliance == "NOT_APPLICABLE"
