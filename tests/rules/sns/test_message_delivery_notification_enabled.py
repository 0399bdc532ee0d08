from __future__ import annotations

RULE = "sns-topic-message-delivery-notification-enabled"
ARN = "arn:aws:sns:us-east-1:123456789012:orders"
ROLE = "arn:aws:iam::123456789012:role/sns-delivery-status"


def test_topic_logging_delivery_status_is_compliant(aws, evaluate_rule):
    # moto drops the feedback role attributes, so pin what GetTopicAttributes answers on AWS.
    from botocore.stub import Stubber

    from warden.collectors import collector_for

    answer = {"Attributes": {"TopicArn": ARN, "Owner": "123456789012", "SQSFailureFeedbackRoleArn": ROLE}}
    with Stubber(aws.client("sns")) as stub:
        for _ in range(2):  # the existence check, then the attributes the rule declares
            stub.add_response("get_topic_attributes", answer, {"TopicArn": ARN})
        item = collector_for("AWS::SNS::Topic").read(aws.clients, "us-east-1", aws.account_id, ARN, ["TopicAttributes"])
        stub.assert_no_pending_responses()
    result = evaluate_rule(RULE, item)
    assert result.compliance == "COMPLIANT"
    assert "SQS" in result.annotation


def test_topic_without_delivery_status_logging_is_non_compliant(topic, evaluate_rule):
    assert evaluate_rule(RULE, topic(RULE)).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"TopicArn": ARN, "Owner": "123456789012", "LambdaSuccessFeedbackRoleArn": ROLE}
    item = config_item("AWS::SNS::Topic", ARN, configuration=recorded)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    bare = config_item("AWS::SNS::Topic", ARN, configuration={"TopicArn": ARN, "HTTPFailureFeedbackRoleArn": ""})
    assert evaluate_rule(RULE, bare).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::SQS::Queue", "q")).compliance == "NOT_APPLICABLE"
