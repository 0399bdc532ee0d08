from __future__ import annotations

RULE = "sqs-queue-encrypted"
URL = "https://sqs.us-east-1.amazonaws.com/123456789012/orders"
ARN = "arn:aws:sqs:us-east-1:123456789012:orders"


def test_sse_sqs_queue_is_compliant(queue, evaluate_rule):
    result = evaluate_rule(RULE, queue(RULE, SqsManagedSseEnabled="true"))
    assert result.compliance == "COMPLIANT"
    assert "SSE-SQS" in result.annotation
    assert result.resource_arn == ARN


def test_sse_kms_queue_is_compliant(queue, evaluate_rule):
    result = evaluate_rule(RULE, queue(RULE, KmsMasterKeyId="alias/orders", SqsManagedSseEnabled="false"))
    assert (result.compliance, "alias/orders" in result.annotation) == ("COMPLIANT", True)


def test_unencrypted_queue_is_non_compliant(queue, evaluate_rule):
    result = evaluate_rule(RULE, queue(RULE, SqsManagedSseEnabled="false"))
    assert result.compliance == "NON_COMPLIANT"
    assert result.resource_id == URL


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    # AWS Config records the queue attributes under their API names, with booleans as strings.
    recorded = {"QueueUrl": URL, "QueueArn": ARN, "SqsManagedSseEnabled": "false"}
    item = config_item("AWS::SQS::Queue", URL, configuration=recorded)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    encrypted = {**recorded, "KmsMasterKeyId": "arn:aws:kms:us-east-1:123456789012:key/1"}
    assert evaluate_rule(RULE, config_item("AWS::SQS::Queue", URL, configuration=encrypted)).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::SNS::Topic", "t")).compliance == "NOT_APPLICABLE"


def test_deleted_queue_is_not_applicable(config_item, evaluate_rule):
    item = config_item("AWS::SQS::Queue", URL, status="ResourceDeleted")
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"


def test_cloudtrail_triggers_resolve_the_queue_url():
    from warden.registry import load_rules

    triggers = load_rules().get(RULE).cloudtrail
    create = next(t for t in triggers if "CreateQueue" in t.events)
    assert create.resolve_resource_id({"responseElements": {"queueUrl": URL}}) == URL
    change = next(t for t in triggers if "SetQueueAttributes" in t.events)
    record = {"requestParameters": {"queueUrl": URL, "attributes": {"SqsManagedSseEnabled": "false"}}}
    assert change.resolve_resource_id(record) == URL
