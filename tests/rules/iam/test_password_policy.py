from __future__ import annotations

RULE = "iam-password-policy"
ACCOUNT = "AWS::::Account"
STRONG = {
    "MinimumPasswordLength": 14,
    "RequireSymbols": True,
    "RequireNumbers": True,
    "RequireUppercaseCharacters": True,
    "RequireLowercaseCharacters": True,
    "PasswordReusePrevention": 24,
    "MaxPasswordAge": 90,
}


def test_strong_policy_is_compliant(aws, moto_item, evaluate_rule):
    aws.client("iam").update_account_password_policy(**STRONG)
    result = evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE), PasswordReusePrevention=24)
    assert result.compliance == "COMPLIANT"


def test_missing_policy_is_non_compliant(aws, moto_item, evaluate_rule):
    result = evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE))
    assert result.compliance == "NON_COMPLIANT"
    assert "no IAM password policy" in result.annotation


def test_each_shortfall_is_named(aws, moto_item, evaluate_rule):
    aws.client("iam").update_account_password_policy(**{**STRONG, "RequireSymbols": False, "MaxPasswordAge": 365})
    result = evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE), MaxPasswordAge=90, MinimumPasswordLength=16)
    assert result.compliance == "NON_COMPLIANT"
    assert all(p in result.annotation for p in ("RequireSymbols", "MaxPasswordAge 365", "MinimumPasswordLength 14"))


def test_config_shape_and_other_types(config_item, evaluate_rule):
    item = config_item(ACCOUNT, "123456789012", supplementary={"PasswordPolicy": STRONG})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::IAM::User", "u")).compliance == "NOT_APPLICABLE"
