from __future__ import annotations

from warden.demo_account import enable_access_logging

RULE = "s3-bucket-logging-enabled"


def _enable_logging(aws):
    def setup(s3, name):
        s3.create_bucket(Bucket=f"{name}-logs")
        enable_access_logging(s3, name, f"{name}-logs", "x/")

    return setup


def test_logging_enabled_is_compliant(aws, bucket, evaluate_rule):
    result = evaluate_rule(RULE, bucket(RULE, _enable_logging(aws)))
    assert result.compliance == "COMPLIANT"
    assert "-logs" in result.annotation


def test_logging_disabled_is_non_compliant(bucket, evaluate_rule):
    assert evaluate_rule(RULE, bucket(RULE)).compliance == "NON_COMPLIANT"


def test_trail_is_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::CloudTrail::Trail", "t")).compliance == "NOT_APPLICABLE"


def test_config_shapes_for_logging_off(config_item_from_file, evaluate_rule, samples):
    # {"destinationBucketName": null} in the RDK item, {} in the recorded select result
    rdk = config_item_from_file(samples / "config-items/rdk_AWS_S3_Bucket.json")
    select = config_item_from_file(
        samples / "config-items/custodian_placebo_s3_SelectResourceConfig.json", 0, "AWS::S3::Bucket"
    )
    assert evaluate_rule(RULE, rdk).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, select).compliance == "NON_COMPLIANT"
