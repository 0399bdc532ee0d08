from __future__ import annotations

RULE = "iam-user-mfa-enabled"
USER = "AWS::IAM::User"


def test_user_with_mfa_is_compliant(aws, moto_item, evaluate_rule):
    iam = aws.client("iam")
    iam.create_user(UserName="operator")
    serial = iam.create_virtual_mfa_device(VirtualMFADeviceName="operator")["VirtualMFADevice"]["SerialNumber"]
    iam.enable_mfa_device(
        UserName="operator", SerialNumber=serial, AuthenticationCode1="123456", AuthenticationCode2="654321"
    )
    assert evaluate_rule(RULE, moto_item(USER, "operator", RULE)).compliance == "COMPLIANT"


def test_user_without_mfa_is_non_compliant(aws, moto_item, evaluate_rule):
    aws.client("iam").create_user(UserName="operator")
    assert evaluate_rule(RULE, moto_item(USER, "operator", RULE)).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_IAM_User.json")
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::::Account", "123456789012")).compliance == "NOT_APPLICABLE"
