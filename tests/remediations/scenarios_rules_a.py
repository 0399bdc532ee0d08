"""Contract scenarios for the messaging, serverless and data remediations (SQS, SNS, Lambda, DynamoDB,
Step Functions); test_contract.py runs them with its own."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from tests.remediations.test_contract import Scenario
from warden.testing import MotoAccount

# Attributes that change on every write, whatever was written.
_VOLATILE = {"LastModifiedTimestamp", "SqsManagedSseEnabled"}


def _queue(aws: MotoAccount) -> str:
    sqs = aws.client("sqs")
    url = sqs.create_queue(
        QueueName="orders",
        Attributes={"SqsManagedSseEnabled": "false", "VisibilityTimeout": "120", "DelaySeconds": "5"},
        tags={"team": "orders"},
    )["QueueUrl"]
    return str(url)


def _queue_state(aws: MotoAccount, url: str) -> dict[str, Any]:
    sqs = aws.client("sqs")
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    return {
        "attributes": {k: v for k, v in attributes.items() if k not in _VOLATILE},
        "tags": sqs.list_queue_tags(QueueUrl=url).get("Tags"),
    }


def _topic(aws: MotoAccount) -> str:
    sns = aws.client("sns")
    arn = sns.create_topic(
        Name="orders-events", Attributes={"DisplayName": "Orders"}, Tags=[{"Key": "team", "Value": "orders"}]
    )
    return str(arn["TopicArn"])


def _topic_state(aws: MotoAccount, arn: str) -> dict[str, Any]:
    sns = aws.client("sns")
    attributes = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
    return {
        "attributes": {k: v for k, v in attributes.items() if k != "KmsMasterKeyId"},
        "tags": sns.list_tags_for_resource(ResourceArn=arn)["Tags"],
    }


def _function(aws: MotoAccount) -> str:
    role = aws.client("iam").create_role(RoleName="orders-fn", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return event\n")
    client = aws.client("lambda")
    client.create_function(
        FunctionName="orders",
        Role=role,
        Runtime="python3.12",
        Handler="app.handler",
        Code={"ZipFile": buffer.getvalue()},
    )
    client.add_permission(
        FunctionName="orders",
        StatementId="public-url",
        Action="lambda:InvokeFunctionUrl",
        Principal="*",
        FunctionUrlAuthType="NONE",
    )
    client.add_permission(
        FunctionName="orders",
        StatementId="nightly",
        Action="lambda:InvokeFunction",
        Principal="events.amazonaws.com",
        SourceArn="arn:aws:events:us-east-1:123456789012:rule/nightly",
    )
    return "orders"


def _function_state(aws: MotoAccount, name: str) -> dict[str, Any]:
    client = aws.client("lambda")
    statements = json.loads(client.get_policy(FunctionName=name)["Policy"])["Statement"]
    configuration = client.get_function_configuration(FunctionName=name)
    configuration.pop("ResponseMetadata")
    return {"other_statements": [s for s in statements if s["Sid"] != "public-url"], "configuration": configuration}


def _table(aws: MotoAccount) -> str:
    aws.client("dynamodb").create_table(
        TableName="orders",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PROVISIONED",
        ProvisionedThroughput={"ReadCapacityUnits": 7, "WriteCapacityUnits": 3},
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
        DeletionProtectionEnabled=False,
        Tags=[{"Key": "team", "Value": "orders"}],
    )
    return "orders"


def _table_state(aws: MotoAccount, name: str, *changed: str) -> dict[str, Any]:
    dynamodb = aws.client("dynamodb")
    table = dynamodb.describe_table(TableName=name)["Table"]
    backups = dynamodb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
    return {
        "table": {k: v for k, v in table.items() if k not in changed},
        "backups": {k: v for k, v in backups.items() if k not in changed},
        "tags": dynamodb.list_tags_of_resource(ResourceArn=table["TableArn"])["Tags"],
    }


def _state_machine(aws: MotoAccount) -> str:
    created = aws.client("stepfunctions").create_state_machine(
        name="orders",
        definition='{"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": true}}}',
        roleArn="arn:aws:iam::123456789012:role/orders-sfn",
        tracingConfiguration={"enabled": True},
        tags=[{"key": "team", "value": "orders"}],
    )
    return str(created["stateMachineArn"])


def _state_machine_state(aws: MotoAccount, arn: str) -> dict[str, Any]:
    client = aws.client("stepfunctions")
    described = client.describe_state_machine(stateMachineArn=arn)
    return {
        "machine": {k: v for k, v in described.items() if k not in ("ResponseMetadata", "loggingConfiguration")},
        "tags": client.list_tags_for_resource(resourceArn=arn)["tags"],
    }


SCENARIOS = [
    Scenario(
        "sqs-enable-sse",
        "sqs-queue-encrypted",
        "AWS::SQS::Queue",
        _queue,
        _queue_state,
        ("sqs", "SetQueueAttributes"),
    ),
    Scenario(
        "sns-encrypt-topic",
        "sns-encrypted-kms",
        "AWS::SNS::Topic",
        _topic,
        _topic_state,
        ("sns", "SetTopicAttributes"),
    ),
    Scenario(
        "lambda-remove-public-permission",
        "lambda-function-public-access-prohibited",
        "AWS::Lambda::Function",
        _function,
        _function_state,
        ("lambda", "RemovePermission"),
    ),
    Scenario(
        "dynamodb-enable-pitr",
        "dynamodb-pitr-enabled",
        "AWS::DynamoDB::Table",
        _table,
        lambda aws, name: _table_state(aws, name, "PointInTimeRecoveryDescription"),
        ("dynamodb", "UpdateContinuousBackups"),
    ),
    Scenario(
        "dynamodb-enable-deletion-protection",
        "dynamodb-table-deletion-protection-enabled",
        "AWS::DynamoDB::Table",
        _table,
        lambda aws, name: _table_state(aws, name, "DeletionProtectionEnabled"),
        ("dynamodb", "UpdateTable"),
    ),
    Scenario(
        "stepfunctions-enable-logging",
        "step-functions-state-machine-logging-enabled",
        "AWS::StepFunctions::StateMachine",
        _state_machine,
        _state_machine_state,
        ("stepfunctions", "UpdateStateMachine"),
    ),
]
