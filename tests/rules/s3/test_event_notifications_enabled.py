from __future__ import annotations

RULE = "s3-event-notifications-enabled"
TOPIC = "arn:aws:sns:us-east-1:123456789012:uploads"


def _notify(s3, name):
    s3.put_bucket_notification_configuration(
        Bucket=name,
        NotificationConfiguration={
            "TopicConfigurations": [{"Id": "uploads", "TopicArn": TOPIC, "Events": ["s3:ObjectCreated:*"]}]
        },
    )


def test_bucket_with_notifications_is_compliant(bucket, evaluate_rule):
    item = bucket(RULE, _notify)
    notification = item.supplementary["BucketNotificationConfiguration"]["configurations"]["uploads"]
    assert (notification["type"], notification["topicARN"]) == ("TopicConfiguration", TOPIC)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, destinationArn=TOPIC, eventTypes="s3:ObjectCreated:*").compliance == "COMPLIANT"


def test_bucket_without_notifications_or_the_wanted_ones_is_non_compliant(bucket, evaluate_rule):
    assert evaluate_rule(RULE, bucket(RULE)).compliance == "NON_COMPLIANT"
    item = bucket(RULE, _notify)
    assert evaluate_rule(RULE, item, eventTypes="s3:ObjectRemoved:*").compliance == "NON_COMPLIANT"
    other = "arn:aws:sqs:us-east-1:123456789012:audit"
    assert evaluate_rule(RULE, item, destinationArn=other).compliance == "NON_COMPLIANT"


def test_config_items_and_other_types(config_item, config_item_from_file, evaluate_rule, samples):
    # Config records no notifications as an empty `configurations` map.
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_S3_Bucket.json")
    assert evaluate_rule(RULE, rdk).compliance == "NON_COMPLIANT"
    recorded = {
        "configurations": {
            "q": {"events": ["s3:ObjectCreated:Put"], "filter": None, "queueARN": "arn:q", "type": "QueueConfiguration"}
        }
    }
    item = config_item("AWS::S3::Bucket", "b", supplementary={"BucketNotificationConfiguration": recorded})
    assert evaluate_rule(RULE, item, destinationArn="arn:q").compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::SNS::Topic", TOPIC)).compliance == "NOT_APPLICABLE"
