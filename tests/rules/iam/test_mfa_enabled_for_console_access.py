from __future__ import annotations

RULE = "mfa-enabled-for-iam-console-access"
USER = "AWS::IAM::User"


def _user(aws, password=True, mfa=False):
    iam = aws.client("iam")
    iam.create_user(UserName="operator")
    if password:
        iam.create_login_profile(UserName="operator", Password="Correct-Horse-9")
    if mfa:
        serial = iam.create_virtual_mfa_device(VirtualMFADeviceName="operator")["VirtualMFADevice"]["SerialNumber"]
        iam.enable_mfa_device(
            UserName="operator", SerialNumber=serial, AuthenticationCode1="123456", AuthenticationCode2="654321"
        )


def test_console_user_with_mfa_is_compliant(aws, moto_item, evaluate_rule):
    _user(aws, mfa=True)
    assert evaluate_rule(RULE, moto_item(USER, "operator", RULE)).compliance == "COMPLIANT"


def test_console_user_without_mfa_is_non_compliant(aws, moto_item, evaluate_rule):
    _user(aws)
    assert evaluate_rule(RULE, moto_item(USER, "operator", RULE)).compliance == "NON_COMPLIANT"


def test_user_without_console_password_is_not_applicable(aws, moto_item, evaluate_rule):
    _user(aws, password=False)
    assert evaluate_rule(RULE, moto_item(USER, "operator", RULE)).compliance == "NOT_APPLICABLE"


def test_config_item_shape(config_item_from_file, evaluate_rule, samples):
    # Config does not record login profiles or MFA devices: a Config item is enriched first.
    item = config_item_from_file(samples / "config-items/rdk_AWS_IAM_User.json")
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"
