from __future__ import annotations

import datetime as dt

RULE = "iam-user-unused-credentials-check"
USER = "AWS::IAM::User"


def _user(aws, password=False, key=False):
    iam = aws.client("iam")
    iam.create_user(UserName="batch")
    if password:
        iam.create_login_profile(UserName="batch", Password="Correct-Horse-9")
    if key:
        iam.create_access_key(UserName="batch")


def test_fresh_credentials_are_compliant(aws, moto_item, evaluate_rule):
    _user(aws, password=True, key=True)
    assert evaluate_rule(RULE, moto_item(USER, "batch", RULE)).compliance == "COMPLIANT"


def test_user_without_credentials_is_not_applicable(aws, moto_item, evaluate_rule):
    _user(aws)
    assert evaluate_rule(RULE, moto_item(USER, "batch", RULE)).compliance == "NOT_APPLICABLE"


def test_config_item_shape_with_stale_credentials(config_item, evaluate_rule):
    old = (dt.datetime.now(dt.UTC) - dt.timedelta(days=200)).isoformat()
    recent = (dt.datetime.now(dt.UTC) - dt.timedelta(days=3)).isoformat()
    keys = [
        {"accessKeyId": "AKIAOLD", "status": "Active", "createDate": old, "lastUsedDate": old},
        {"accessKeyId": "AKIAUSED", "status": "Active", "createDate": old, "lastUsedDate": recent},
        {"accessKeyId": "AKIAOFF", "status": "Inactive", "createDate": old, "lastUsedDate": None},
    ]
    item = config_item(
        USER,
        "AIDAEXAMPLE",
        configuration={"userName": "batch", "passwordLastUsed": recent},
        supplementary={"LoginProfile": {"createDate": old}, "AccessKeysLastUsed": keys},
    )
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT"
    assert (
        "AKIAOLD" in result.annotation and "AKIAUSED" not in result.annotation and "password" not in result.annotation
    )
    assert evaluate_rule(RULE, item, maxCredentialUsageAge=365).compliance == "COMPLIANT"
