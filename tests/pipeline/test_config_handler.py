"""The AWS Config custom rule handler. moto implements neither PutEvaluations (beyond test mode) nor the
compliance queries, so those calls are pinned with botocore's Stubber; everything else runs on moto."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
import warden.rules.handler as config_lambda
from botocore.stub import ANY, Stubber
from warden.rules.configrule import ConfigRuleService, RetriableConfigError

from warden.ledger import Ledger, S3Store
from warden.registry import load_rules


@pytest.fixture
def handler(aws, findings, context, monkeypatch):
    monkeypatch.setattr(config_lambda, "_audit", None)
    config_lambda._service = ConfigRuleService(aws.clients, load_rules(), findings.publisher, "us-east-1")
    yield lambda event: config_lambda.lambda_handler(event, context)
    config_lambda._service = None


@pytest.fixture
def put_evaluations(aws):
    """Stubber on the config client, plus the parameters of every PutEvaluations call made."""
    client = aws.client("config")
    calls = []
    client.meta.events.register(
        "before-parameter-build.config.PutEvaluations", lambda params, **_: calls.append(copy.deepcopy(params))
    )
    with Stubber(client) as stub:
        yield stub, calls


def _load(samples, name):
    return json.loads((samples / "config-events" / name).read_text())


def test_change_triggered_real_event(samples, handler, put_evaluations, findings):
    stub, calls = put_evaluations
    event = _load(samples, "custodian_rule_event_security_group.json")
    event["ruleParameters"] = json.dumps({"wardenRuleId": "vpc-sg-restricted-common-ports"})
    stub.add_response(
        "put_evaluations",
        {"FailedEvaluations": []},
        {"Evaluations": ANY, "ResultToken": event["resultToken"], "TestMode": False},
    )
    response = handler(event)
    stub.assert_no_pending_responses()
    assert response["counts"] == {"NON_COMPLIANT": 1}
    (evaluation,) = calls[0]["Evaluations"]
    item = json.loads(event["invokingEvent"])["configurationItem"]
    assert evaluation["ComplianceResourceType"] == "AWS::EC2::SecurityGroup"
    assert evaluation["ComplianceResourceId"] == item["resourceId"]
    assert evaluation["ComplianceType"] == "NON_COMPLIANT" and len(evaluation["Annotation"]) <= 256
    assert evaluation["OrderingTimestamp"] == dt.datetime.fromisoformat(
        item["configurationItemCaptureTime"].replace("Z", "+00:00")
    )
    (published,) = findings.received()
    assert (
        published["body"]["rule_id"] == "vpc-sg-restricted-common-ports"
        and published["body"]["source"] == "config-rule"
    )
    assert published["attributes"]["severity"]["StringValue"] == "CRITICAL"
    assert published["attributes"]["account"]["StringValue"] == "123456789012"


def test_rule_is_found_by_config_rule_name_and_test_mode_is_honoured(samples, handler, put_evaluations):
    stub, calls = put_evaluations
    event = _load(samples, "custodian_rule_event_security_group.json")
    event.update(
        configRuleName="warden-vpc-sg-open-only-to-authorized-ports",
        resultToken="TESTMODE",
        ruleParameters=json.dumps({"authorizedTcpPorts": "22,443"}),
    )
    stub.add_response("put_evaluations", {}, {"Evaluations": ANY, "ResultToken": "TESTMODE", "TestMode": True})
    response = handler(event)
    assert response["rule"] == "vpc-sg-open-only-to-authorized-ports"
    assert calls[0]["Evaluations"][0]["ComplianceType"] == "COMPLIANT"  # 22 is authorised by the parameter


def test_unknown_rule_is_rejected_not_raised(samples, handler):
    event = _load(samples, "custodian_rule_event_security_group.json")
    event["configRuleName"] = "someone-elses-rule"
    response = handler(event)
    assert response["status"] == "rejected" and "names no Warden rule" in response["reason"]


def _sg_event(samples, **item_changes):
    event = _load(samples, "custodian_rule_event_security_group.json")
    invoking = json.loads(event["invokingEvent"])
    invoking["configurationItem"].update(item_changes)
    event.update(
        invokingEvent=json.dumps(invoking),
        ruleParameters=json.dumps({"wardenRuleId": "vpc-sg-restricted-common-ports"}),
    )
    return event


@pytest.mark.parametrize(
    "mutate,reason",
    [
        (lambda e: e.pop("invokingEvent"), "'invokingEvent' is a required property"),
        (lambda e: e.update(invokingEvent="{ not json"), "invokingEvent is not JSON"),
        (lambda e: e.update(invokingEvent="[]"), "invalid invokingEvent: [] is not of type 'object'"),
        (lambda e: e.update(invokingEvent='{"messageType": "Other"}'), "invalid invokingEvent at messageType"),
        (lambda e: e.update(ruleParameters='["x"]'), "ruleParameters is not a JSON object"),
        (lambda e: e.update(resultToken=7), "invalid Config rule event at resultToken"),
    ],
)
def test_malformed_events_are_rejected_with_a_reason(samples, handler, findings, mutate, reason):
    event = _sg_event(samples)
    mutate(event)
    response = handler(event)
    assert response == {"status": "rejected", "reason": response["reason"], "record_id": None}
    assert reason in response["reason"] and findings.received() == []


def test_a_rejected_event_is_audited_in_the_functions_own_stream(aws, samples, handler, monkeypatch):
    aws.client("s3").create_bucket(Bucket="audit")
    monkeypatch.setenv("WARDEN_AUDIT_BUCKET", "audit")
    event = _sg_event(samples)
    event["resultToken"] = 7
    response = handler(event)
    (record,) = Ledger(S3Store(aws.client("s3"), "audit")).records()
    assert response["record_id"] == record["id"]
    assert (record["outcome"], record["error_code"], record["account"]) == (
        "REJECTED",
        "InvalidConfigRuleEvent",
        aws.account_id,
    )
    assert "rejected: invalid Config rule event at resultToken" in record["detail"]


@pytest.mark.parametrize(
    "changes,reason",
    [
        ({"resourceId": None}, "at configurationItem/resourceId"),
        ({"awsRegion": "xx-nowhere-9"}, "awsRegion 'xx-nowhere-9' is not a region of partition 'aws'"),
        ({"resourceId": "sg-\ud800"}, "lone surrogate"),
        ({"configurationItemCaptureTime": "yesterday"}, "at configurationItem/configurationItemCaptureTime"),
        ({"supplementaryConfiguration": ["x"]}, "supplementaryConfiguration"),
    ],
)
def test_malformed_configuration_items_are_rejected(samples, handler, changes, reason):
    response = handler(_sg_event(samples, **changes))  # json.dumps escapes a lone surrogate, as a forger would
    assert response["status"] == "rejected" and reason in response["reason"], response


def test_a_configuration_the_rule_cannot_read_is_insufficient_data(samples, handler, put_evaluations, findings):
    stub, calls = put_evaluations
    stub.add_response("put_evaluations", {}, {"Evaluations": ANY, "ResultToken": ANY, "TestMode": False})
    response = handler(_sg_event(samples, configuration={"ipPermissions": "not a list"}))
    (evaluation,) = calls[0]["Evaluations"]
    assert evaluation["ComplianceType"] == "INSUFFICIENT_DATA"
    assert evaluation["Annotation"].startswith("malformed configuration item")
    assert response["findings"] == 0 and findings.received() == []


def test_a_throttled_put_evaluations_raises_the_retriable_error(samples, handler, put_evaluations):
    stub, _ = put_evaluations
    stub.add_client_error("put_evaluations", "ThrottlingException", http_status_code=400)
    with pytest.raises(RetriableConfigError, match="ThrottlingException"):
        handler(_sg_event(samples))


def test_a_refused_put_evaluations_is_a_rejection(samples, handler, put_evaluations):
    stub, _ = put_evaluations
    stub.add_client_error("put_evaluations", "InvalidResultTokenException", http_status_code=400)
    response = handler(_sg_event(samples))
    assert response["status"] == "rejected" and "InvalidResultTokenException" in response["reason"]


def test_a_finding_the_worker_would_refuse_is_reported_not_published(samples, handler, put_evaluations, findings):
    stub, calls = put_evaluations
    stub.add_response("put_evaluations", {}, {"Evaluations": ANY, "ResultToken": ANY, "TestMode": False})
    response = handler(_sg_event(samples, awsAccountId="0123456789012"))  # 13 digits, as in a Powertools sample
    assert calls[0]["Evaluations"][0]["ComplianceType"] == "NON_COMPLIANT"  # Config still gets its evaluation
    assert response["findings"] == 0 and findings.received() == []
    assert response["refused"] == [
        "invalid warden.finding/v1 at account_id: '0123456789012' does not match '^[0-9]{12}$'"
    ]


@pytest.mark.parametrize("status", ["ResourceDeleted", "ResourceNotRecorded", "ResourceDeletedNotRecorded"])
def test_deleted_and_not_recorded_items_are_not_applicable(samples, handler, put_evaluations, findings, status):
    stub, calls = put_evaluations
    event = _load(samples, "custodian_rule_event_security_group.json")
    invoking = json.loads(event["invokingEvent"])
    invoking["configurationItem"]["configurationItemStatus"] = status
    event.update(
        invokingEvent=json.dumps(invoking),
        ruleParameters=json.dumps({"wardenRuleId": "vpc-sg-restricted-common-ports"}),
    )
    stub.add_response("put_evaluations", {}, {"Evaluations": ANY, "ResultToken": ANY, "TestMode": False})
    handler(event)
    assert calls[0]["Evaluations"][0]["ComplianceType"] == "NOT_APPLICABLE"
    assert findings.received() == []


def test_event_left_scope_is_not_applicable(samples, handler, put_evaluations):
    stub, calls = put_evaluations
    event = _load(samples, "custodian_rule_event_security_group.json")
    event.update(eventLeftScope=True, ruleParameters=json.dumps({"wardenRuleId": "vpc-sg-restricted-common-ports"}))
    stub.add_response("put_evaluations", {}, {"Evaluations": ANY, "ResultToken": ANY, "TestMode": False})
    handler(event)
    assert calls[0]["Evaluations"][0]["ComplianceType"] == "NOT_APPLICABLE"


def _datetimes(value):
    """placebo recorded datetimes as {"__class__": "datetime", ...}; Stubber wants real ones."""
    if isinstance(value, dict):
        if value.get("__class__") == "datetime":
            return dt.datetime(
                value["year"],
                value["month"],
                value["day"],
                value["hour"],
                value["minute"],
                value["second"],
                tzinfo=dt.UTC,
            )
        return {k: _datetimes(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_datetimes(v) for v in value]
    return value


def test_oversized_item_is_fetched_from_the_configuration_history(samples, handler, put_evaluations):
    stub, calls = put_evaluations
    history = json.loads((samples / "config-items/custodian_placebo_sg_GetResourceConfigHistory.json").read_text())[
        "data"
    ]
    recorded = _datetimes(history["configurationItems"][:1])
    event = _load(samples, "awsdocs_oversized_event.json")
    invoking = json.loads(event["invokingEvent"])
    summary = invoking["configurationItemSummary"]
    summary.update(resourceType="AWS::EC2::SecurityGroup", resourceId=recorded[0]["resourceId"], awsRegion="us-east-1")
    event.update(
        invokingEvent=json.dumps(invoking),
        ruleParameters=json.dumps({"wardenRuleId": "vpc-sg-restricted-common-ports"}),
    )
    stub.add_response(
        "get_resource_config_history",
        {"configurationItems": recorded},
        {"resourceType": "AWS::EC2::SecurityGroup", "resourceId": recorded[0]["resourceId"], "limit": 1},
    )
    stub.add_response("put_evaluations", {}, {"Evaluations": ANY, "ResultToken": "myResultToken", "TestMode": False})
    handler(event)
    stub.assert_no_pending_responses()
    (evaluation,) = calls[0]["Evaluations"]
    assert evaluation["ComplianceResourceId"] == recorded[0]["resourceId"]
    assert evaluation["ComplianceType"] == "NON_COMPLIANT"  # the recorded group opens 8080 to 0.0.0.0/0
    assert evaluation["OrderingTimestamp"] == dt.datetime(2016, 10, 6, 16, 46, 16, 261000, tzinfo=dt.UTC)


def _scheduled(samples, rule_id, token="token-1"):
    event = _load(samples, "powertools_awsConfigRuleScheduled.json")
    event.update(
        ruleParameters=json.dumps({"wardenRuleId": rule_id}),
        resultToken=token,
        configRuleName=f"warden-{rule_id}",
        accountId="123456789012",
    )
    return event


def test_periodic_run_puts_250_evaluations_in_chunks_of_100_and_reports_vanished(
    aws, samples, handler, put_evaluations, findings
):
    stub, calls = put_evaluations
    s3 = aws.client("s3")
    for i in range(249):
        s3.create_bucket(Bucket=f"bulk-{i:03d}")
    rule = "s3-bucket-versioning-enabled"
    vanished = {
        "EvaluationResultIdentifier": {
            "EvaluationResultQualifier": {
                "ConfigRuleName": f"warden-{rule}",
                "ResourceType": "AWS::S3::Bucket",
                "ResourceId": "deleted-last-week",
            }
        }
    }
    still_here = {
        "EvaluationResultIdentifier": {
            "EvaluationResultQualifier": {
                "ConfigRuleName": f"warden-{rule}",
                "ResourceType": "AWS::S3::Bucket",
                "ResourceId": "bulk-000",
            }
        }
    }
    stub.add_response(
        "get_compliance_details_by_config_rule",
        {"EvaluationResults": [vanished, still_here]},
        {"ConfigRuleName": f"warden-{rule}", "ComplianceTypes": ["COMPLIANT", "NON_COMPLIANT"]},
    )
    for _ in range(3):
        stub.add_response("put_evaluations", {}, {"Evaluations": ANY, "ResultToken": "token-1", "TestMode": False})
    response = handler(_scheduled(samples, rule))
    stub.assert_no_pending_responses()
    assert [len(c["Evaluations"]) for c in calls] == [100, 100, 50]
    by_id = {e["ComplianceResourceId"]: e["ComplianceType"] for c in calls for e in c["Evaluations"]}
    assert by_id["deleted-last-week"] == "NOT_APPLICABLE" and by_id["bulk-000"] == "NON_COMPLIANT"
    assert response["findings"] == 249 and len(findings.received()) == 249
    stamps = {e["OrderingTimestamp"] for c in calls for e in c["Evaluations"]}
    assert stamps == {dt.datetime(2023, 4, 27, 13, 26, 17, 741000, tzinfo=dt.UTC)}


def test_attributes_config_does_not_record_are_read_live(aws, samples, handler, put_evaluations):
    stub, calls = put_evaluations
    aws.client("s3", "ap-southeast-1").create_bucket(
        Bucket="apjc-logs", CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"}
    )
    trails = aws.client("cloudtrail", "ap-southeast-1")
    trails.create_trail(Name="APJCCloudTrail", S3BucketName="apjc-logs", IsMultiRegionTrail=True)
    trails.start_logging(Name="APJCCloudTrail")
    item = json.loads((samples / "config-items/rdk_AWS_Cloudtrail_Trail.json").read_text())
    item["arn"] = trails.describe_trails()["trailList"][0]["TrailARN"]
    event = _load(samples, "awsdocs_change_triggered_event.json")
    invoking = json.loads(event["invokingEvent"])
    invoking["configurationItem"] = item
    event.update(
        invokingEvent=json.dumps(invoking), ruleParameters=json.dumps({"wardenRuleId": "cloudtrail-logging-enabled"})
    )
    stub.add_response("put_evaluations", {}, {"Evaluations": ANY, "ResultToken": ANY, "TestMode": False})
    handler(event)
    assert calls[0]["Evaluations"][0]["ComplianceType"] == "COMPLIANT"  # isLogging came from GetTrailStatus


def test_an_unreadable_attribute_is_insufficient_data(aws, samples, handler, put_evaluations):
    from warden.testing import inject_fault

    stub, calls = put_evaluations
    item = json.loads((samples / "config-items/rdk_AWS_IAM_User.json").read_text())
    assert item["awsRegion"] == "global"  # Config's region for IAM: the factory maps it to the default region
    aws.client("iam").create_user(UserName="johndoe")
    inject_fault(aws.client("iam", "global"), "ListAccessKeys", "AccessDenied", 403)
    event = _load(samples, "awsdocs_change_triggered_event.json")
    invoking = json.loads(event["invokingEvent"])
    invoking["configurationItem"] = item
    event.update(invokingEvent=json.dumps(invoking), ruleParameters=json.dumps({"wardenRuleId": "access-keys-rotated"}))
    stub.add_response("put_evaluations", {}, {"Evaluations": ANY, "ResultToken": ANY, "TestMode": False})
    handler(event)
    (evaluation,) = calls[0]["Evaluations"]
    assert evaluation["ComplianceType"] == "INSUFFICIENT_DATA" and "AccessDenied" in evaluation["Annotation"]


def test_findings_carry_attributes_for_subscription_filter_policies(aws, findings, samples, handler, put_evaluations):
    stub, _ = put_evaluations
    sqs = aws.client("sqs")
    url = sqs.create_queue(QueueName="critical-only")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    aws.client("sns").subscribe(
        TopicArn=findings.topic_arn,
        Protocol="sqs",
        Endpoint=arn,
        Attributes={"RawMessageDelivery": "true", "FilterPolicy": json.dumps({"severity": ["CRITICAL"]})},
    )
    event = _load(samples, "custodian_rule_event_security_group.json")
    for rule_id in ("vpc-sg-restricted-common-ports", "vpc-sg-open-only-to-authorized-ports"):  # CRITICAL, HIGH
        event["ruleParameters"] = json.dumps({"wardenRuleId": rule_id})
        stub.add_response("put_evaluations", {}, {"Evaluations": ANY, "ResultToken": ANY, "TestMode": False})
        handler(event)
    critical = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    assert [json.loads(m["Body"])["rule_id"] for m in critical] == ["vpc-sg-restricted-common-ports"]
    assert len(findings.received()) == 2
