from __future__ import annotations

RULE = "guardduty-enabled-centralized"
ACCOUNT = "AWS::::Account"


def test_enabled_detector_is_compliant(aws, moto_item, evaluate_rule):
    detector = aws.client("guardduty").create_detector(Enable=True)["DetectorId"]
    result = evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE))
    assert result.compliance == "COMPLIANT"
    assert detector in result.annotation


def test_missing_or_suspended_detector_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE)).compliance == "NON_COMPLIANT"
    aws.client("guardduty").create_detector(Enable=False)
    assert evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE)).compliance == "NON_COMPLIANT"


def test_central_monitoring_account(config_item, evaluate_rule):
    detector = {"detectorId": "d-1", "status": "ENABLED", "administratorAccountId": "111111111111"}
    item = config_item(ACCOUNT, "123456789012", supplementary={"GuardDutyDetectors": [detector]})
    assert evaluate_rule(RULE, item, CentralMonitoringAccount="111111111111").compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, CentralMonitoringAccount="222222222222").compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"
