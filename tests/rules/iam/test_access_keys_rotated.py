from __future__ import annotations

import datetime as dt

RULE = "access-keys-rotated"
USER = "AWS::IAM::User"


def _user_with_key(aws, moto_item, active=True):
    iam = aws.client("iam")
    iam.create_user(UserName="deployer")
    key = iam.create_access_key(UserName="deployer")["AccessKey"]["AccessKeyId"]
    if not active:
        iam.update_access_key(UserName="deployer", AccessKeyId=key, Status="Inactive")
    return moto_item(USER, "deployer", RULE), key


def test_fresh_key_is_compliant(aws, moto_item, evaluate_rule):
    item, _ = _user_with_key(aws, moto_item)
    result = evaluate_rule(RULE, item)
    assert result.compliance == "COMPLIANT"
    assert result.resource_arn == "arn:aws:iam::123456789012:user/deployer"


def test_key_older_than_limit_is_non_compliant(aws, moto_item, evaluate_rule):
    item, key = _user_with_key(aws, moto_item)
    result = evaluate_rule(RULE, item, maxAccessKeyAge=0)
    assert result.compliance == "NON_COMPLIANT"
    assert key in result.annotation


def test_inactive_key_is_not_applicable(aws, moto_item, evaluate_rule):
    item, _ = _user_with_key(aws, moto_item, active=False)
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"


def test_age_boundary(config_item, evaluate_rule):
    now = dt.datetime.now(dt.UTC)

    def keys(days):
        return [
            {
                "accessKeyId": "AKIA1",
                "status": "Active",
                "createDate": (now - dt.timedelta(days=days)).isoformat(),
            }
        ]

    assert evaluate_rule(RULE, config_item(USER, "u", supplementary={"AccessKeys": keys(89)})).compliance == "COMPLIANT"
    old = evaluate_rule(RULE, config_item(USER, "u", supplementary={"AccessKeys": keys(120)}))
    assert old.compliance == "NON_COMPLIANT"
    assert "oldest 120 days" in old.annotation
