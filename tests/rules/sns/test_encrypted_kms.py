from __future__ import annotations

RULE = "sns-encrypted-kms"
ARN = "arn:aws:sns:us-east-1:123456789012:orders"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def test_kms_encrypted_topic_is_compliant(topic, evaluate_rule):
    result = evaluate_rule(RULE, topic(RULE, KmsMasterKeyId="alias/aws/sns"))
    assert result.compliance == "COMPLIANT"
    assert (result.resource_id, result.resource_arn) == (ARN, ARN)


def test_unencrypted_topic_is_non_compliant(topic, evaluate_rule):
    assert evaluate_rule(RULE, topic(RULE)).compliance == "NON_COMPLIANT"


def test_the_allowed_keys_are_a_parameter(topic, evaluate_rule):
    item = topic(RULE, KmsMasterKeyId="alias/aws/sns")
    assert evaluate_rule(RULE, item, kmsKeyIds=KEY).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, item, kmsKeyIds=f"{KEY},alias/aws/sns").compliance == "COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"TopicArn": ARN, "Owner": "123456789012", "DisplayName": "", "KmsMasterKeyId": KEY}
    assert evaluate_rule(RULE, config_item("AWS::SNS::Topic", ARN, configuration=recorded)).compliance == "COMPLIANT"
    unencrypted = {k: v for k, v in recorded.items() if k != "KmsMasterKeyId"}
    item = config_item("AWS::SNS::Topic", ARN, configuration=unencrypted)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::SQS::Queue", "q")).compliance == "NOT_APPLICABLE"


def test_cloudtrail_triggers_resolve_the_topic_arn():
    from warden.registry import load_rules

    triggers = load_rules().get(RULE).cloudtrail
    create = next(t for t in triggers if "CreateTopic" in t.events)
    assert create.resolve_resource_id({"responseElements": {"topicArn": ARN}}) == ARN
    change = next(t for t in triggers if "SetTopicAttributes" in t.events)
    record = {"requestParameters": {"topicArn": ARN, "attributeName": "KmsMasterKeyId", "attributeValue": ""}}
    assert change.resolve_resource_id(record) == ARN
