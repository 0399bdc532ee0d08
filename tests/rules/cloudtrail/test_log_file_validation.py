from __future__ import annotations

RULE = "cloud-trail-log-file-validation-enabled"


def test_validation_enabled_is_compliant(trail, evaluate_rule):
    assert evaluate_rule(RULE, trail(RULE, EnableLogFileValidation=True)).compliance == "COMPLIANT"


def test_validation_disabled_is_non_compliant(trail, evaluate_rule):
    result = evaluate_rule(RULE, trail(RULE))
    assert result.compliance == "NON_COMPLIANT"
    assert result.controls == ("CloudTrail.4",)


def test_security_group_is_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::EC2::SecurityGroup", "sg-1")).compliance == "NOT_APPLICABLE"


def test_rdk_trail(config_item_from_file, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_Cloudtrail_Trail.json")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
