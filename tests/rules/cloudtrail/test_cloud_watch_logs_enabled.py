from __future__ import annotations

RULE = "cloud-trail-cloud-watch-logs-enabled"
GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:cloudtrail:*"


def test_trail_delivering_to_cloudwatch_is_compliant(trail, evaluate_rule):
    item = trail(RULE, CloudWatchLogsLogGroupArn=GROUP, CloudWatchLogsRoleArn="arn:aws:iam::123456789012:role/ct")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_trail_without_cloudwatch_is_non_compliant(trail, evaluate_rule):
    assert evaluate_rule(RULE, trail(RULE)).compliance == "NON_COMPLIANT"


def test_real_config_item_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_Cloudtrail_Trail.json")
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"
