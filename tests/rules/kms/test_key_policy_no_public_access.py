from __future__ import annotations

import json

import pytest

from tests.rules.kms.conftest import KEY, config_key

RULE = "kms-key-policy-no-public-access"
ADMIN = {
    "Sid": "AccountAdministers",
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
    "Action": "kms:*",
    "Resource": "*",
}


def _policy(*extra):
    return json.dumps({"Version": "2012-10-17", "Statement": [ADMIN, *extra]})


def test_account_only_policy_is_compliant(key, evaluate_rule):
    assert evaluate_rule(RULE, key(RULE, Policy=_policy())).compliance == "COMPLIANT"


def test_open_policy_is_non_compliant(key, evaluate_rule):
    open_decrypt = {"Sid": "Anyone", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}
    result = evaluate_rule(RULE, key(RULE, Policy=_policy(open_decrypt)))
    assert result.compliance == "NON_COMPLIANT" and "Anyone" in result.annotation


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"StringEquals": {"kms:CallerAccount": "123456789012"}}, "COMPLIANT"),
        ({"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}, "COMPLIANT"),
        ({"StringLike": {"aws:PrincipalOrgID": "o-*"}}, "NON_COMPLIANT"),
        ({"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}, "NON_COMPLIANT"),
        ({"StringEqualsIfExists": {"aws:SourceAccount": "123456789012"}}, "NON_COMPLIANT"),
    ],
)
def test_conditions_with_fixed_accounts_pin_an_open_principal(config_item, evaluate_rule, condition, expected):
    statement = {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*"}
    policy = {"Statement": [ADMIN, {**statement, "Condition": condition}]}
    item = config_item(KEY, "k", configuration=config_key(), supplementary={"Policy": policy})
    assert evaluate_rule(RULE, item).compliance == expected


def test_aws_managed_keys_and_other_types_are_not_applicable(config_item, evaluate_rule):
    managed = config_item(KEY, "k", configuration=config_key(keyManager="AWS"), supplementary={"Policy": {}})
    assert evaluate_rule(RULE, managed).compliance == "NOT_APPLICABLE"
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"
