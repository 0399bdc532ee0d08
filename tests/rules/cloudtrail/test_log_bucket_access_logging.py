from __future__ import annotations

from warden.demo_account import enable_access_logging

RULE = "cloudtrail-s3-bucket-access-logging"


def test_logged_log_bucket_is_compliant(aws, trail, moto_item, evaluate_rule):
    trail(RULE)
    s3 = aws.client("s3")
    s3.create_bucket(Bucket="access-logs")
    enable_access_logging(s3, "audit-trail-logs", "access-logs", "trail/")
    result = evaluate_rule(RULE, moto_item("AWS::CloudTrail::Trail", "audit-trail", RULE))
    assert result.compliance == "COMPLIANT"
    assert "access-logs" in result.annotation


def test_unlogged_log_bucket_is_non_compliant(trail, evaluate_rule):
    assert evaluate_rule(RULE, trail(RULE)).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"name": "audit", "s3BucketName": "logs"}
    logging = {"LogBucketLogging": {"bucketName": "logs", "destinationBucketName": None}}
    item = config_item("AWS::CloudTrail::Trail", "audit", configuration=recorded, supplementary=logging)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "logs")).compliance == "NOT_APPLICABLE"
