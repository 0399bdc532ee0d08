from __future__ import annotations

RULE = "cloudfront-accesslogs-enabled"
LOGGING = {"Enabled": True, "IncludeCookies": False, "Bucket": "edge-logs.s3.amazonaws.com", "Prefix": "cf/"}


def test_logging_is_compliant(distribution, evaluate_rule):
    assert evaluate_rule(RULE, distribution(RULE, Logging=LOGGING)).compliance == "COMPLIANT"


def test_logging_off_is_non_compliant(distribution, evaluate_rule):
    assert evaluate_rule(RULE, distribution(RULE)).compliance == "NON_COMPLIANT"


def test_the_bucket_is_a_parameter(distribution, evaluate_rule):
    item = distribution(RULE, Logging=LOGGING)
    assert evaluate_rule(RULE, item, S3BucketName="edge-logs").compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, S3BucketName="central-logs").compliance == "NON_COMPLIANT"


def test_config_shaped_item_and_other_types(config_shaped, config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_shaped()).compliance == "NON_COMPLIANT"
    logged = config_shaped(lambda c: c.update(logging={"enabled": True, "bucket": "edge-logs.s3.amazonaws.com"}))
    assert evaluate_rule(RULE, logged).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"
