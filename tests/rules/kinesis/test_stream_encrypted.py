from __future__ import annotations

RULE = "kinesis-stream-encrypted"
STREAM = "AWS::Kinesis::Stream"


def _stream(aws, moto_item, encrypted: bool):
    kinesis = aws.client("kinesis")
    kinesis.create_stream(StreamName=f"orders-{encrypted}", ShardCount=1)
    if encrypted:
        kinesis.start_stream_encryption(
            StreamName=f"orders-{encrypted}", EncryptionType="KMS", KeyId="alias/aws/kinesis"
        )
    return moto_item(STREAM, f"orders-{encrypted}", RULE)


def test_kms_encrypted_stream_is_compliant(aws, moto_item, evaluate_rule):
    result = evaluate_rule(RULE, _stream(aws, moto_item, encrypted=True))
    assert result.compliance == "COMPLIANT"
    assert result.resource_arn == "arn:aws:kinesis:us-east-1:123456789012:stream/orders-True"


def test_unencrypted_stream_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _stream(aws, moto_item, encrypted=False)).compliance == "NON_COMPLIANT"


def test_listing_reads_encryption_only_when_asked(aws):
    from warden.collectors import collector_for

    aws.client("kinesis").create_stream(StreamName="clicks", ShardCount=1)
    [listed] = collector_for(STREAM).list_items(aws.clients, "us-east-1", aws.account_id)
    assert "StreamEncryption" not in listed.configuration
    assert collector_for(STREAM).missing(listed, ["StreamEncryption"]) == ["StreamEncryption"]


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {
        "Arn": "arn:aws:kinesis:us-east-1:123456789012:stream/orders",
        "Name": "orders",
        "RetentionPeriodHours": 24,
        "ShardCount": 1,
        "StreamEncryption": {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"},
    }
    assert evaluate_rule(RULE, config_item(STREAM, "orders", configuration=recorded)).compliance == "COMPLIANT"
    unencrypted = config_item(STREAM, "orders", configuration={"Name": "orders"})
    assert evaluate_rule(RULE, unencrypted).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::SQS::Queue", "q")).compliance == "NOT_APPLICABLE"


def test_triggers_resolve_the_stream_name():
    from warden.registry import load_rules

    [trigger] = load_rules().get(RULE).cloudtrail
    record = {"requestParameters": {"streamName": "orders", "encryptionType": "KMS", "keyId": "alias/aws/kinesis"}}
    assert trigger.resolve_resource_id(record) == "orders"
