"""CloudTrail detection for the messaging, serverless and data rules: each watched event, in the shape
CloudTrail writes it, names the resource the detector re-reads live."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from warden.trail.detector import Detector
from warden.trail.patterns import CLOUDTRAIL_DETAIL_TYPE, source_for

from warden.demo import cloudtrail_record
from warden.registry import load_rules

ACCOUNT = "123456789012"
DEVELOPER = f"arn:aws:iam::{ACCOUNT}:user/developer"


def _envelope(record):
    return {
        "version": "0",
        "id": "0d3c1f0e-1a2b-4c5d-8e9f-0a1b2c3d4e5f",
        "detail-type": CLOUDTRAIL_DETAIL_TYPE,
        "source": source_for(record["eventSource"]),
        "account": ACCOUNT,
        "time": "2026-11-29T12:00:00Z",
        "region": "us-east-1",
        "resources": [],
        "detail": record,
    }


@pytest.fixture
def detector(aws, findings):
    role = f"arn:aws:iam::{ACCOUNT}:role/warden-remediation"
    return Detector(aws.clients, load_rules(), findings.publisher, account_id=ACCOUNT, own_roles=[role])


def _detect(detector, source, name, parameters, response=None):
    record = cloudtrail_record(source, name, parameters, ACCOUNT, DEVELOPER)
    if response is not None:
        record["responseElements"] = response
    detection = detector.handle(_envelope(record))
    assert detection.status == "evaluated", detection
    return {e.rule_id: e.compliance for e in detection.evaluations}


def test_set_queue_attributes_turning_encryption_off(aws, detector):
    url = aws.client("sqs").create_queue(QueueName="orders", Attributes={"SqsManagedSseEnabled": "false"})["QueueUrl"]
    params = {"queueUrl": url, "attributes": {"SqsManagedSseEnabled": "false"}}
    rules = _detect(detector, "sqs.amazonaws.com", "SetQueueAttributes", params)
    assert rules["sqs-queue-encrypted"] == "NON_COMPLIANT"
    assert rules["sqs-queue-no-public-access"] == "COMPLIANT"


def test_create_topic_is_read_from_the_response(aws, detector):
    arn = aws.client("sns").create_topic(Name="orders-events")["TopicArn"]
    rules = _detect(detector, "sns.amazonaws.com", "CreateTopic", {"name": "orders-events"}, {"topicArn": arn})
    assert rules["sns-encrypted-kms"] == "NON_COMPLIANT"


def test_add_permission_making_a_function_public(aws, detector):
    role = aws.client("iam").create_role(RoleName="fn", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return event\n")
    functions = aws.client("lambda")
    functions.create_function(
        FunctionName="checkout",
        Runtime="python3.13",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": code.getvalue()},
    )
    functions.add_permission(
        FunctionName="checkout", StatementId="anyone", Action="lambda:InvokeFunction", Principal="*"
    )
    params = {"functionName": "checkout", "statementId": "anyone", "action": "lambda:InvokeFunction", "principal": "*"}
    rules = _detect(detector, "lambda.amazonaws.com", "AddPermission20150331v2", params)
    assert rules == {"lambda-function-public-access-prohibited": "NON_COMPLIANT"}


def test_update_table_turning_deletion_protection_off(aws, detector):
    aws.client("dynamodb").create_table(
        TableName="orders",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    rules = _detect(
        detector, "dynamodb.amazonaws.com", "UpdateTable", {"tableName": "orders", "deletionProtectionEnabled": False}
    )
    assert rules["dynamodb-table-deletion-protection-enabled"] == "NON_COMPLIANT"


def test_update_state_machine_turning_logging_off(aws, detector):
    arn = aws.client("stepfunctions").create_state_machine(
        name="fulfilment",
        definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}}),
        roleArn=f"arn:aws:iam::{ACCOUNT}:role/sfn",
    )["stateMachineArn"]
    params = {"stateMachineArn": arn, "loggingConfiguration": {"level": "OFF"}}
    rules = _detect(detector, "states.amazonaws.com", "UpdateStateMachine", params)
    assert rules["step-functions-state-machine-logging-enabled"] == "NON_COMPLIANT"
