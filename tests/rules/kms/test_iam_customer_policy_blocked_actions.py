from __future__ import annotations

import json

import pytest

RULE = "iam-customer-policy-blocked-kms-actions"
POLICY = "AWS::IAM::Policy"


def _policy(aws, moto_item, *statements, attach=True):
    iam = aws.client("iam")
    arn = iam.create_policy(
        PolicyName=f"p{len(iam.list_policies(Scope='Local')['Policies'])}",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": list(statements)}),
    )["Policy"]["Arn"]
    if attach:
        iam.create_user(UserName=arn.rsplit("/", 1)[-1])
        iam.attach_user_policy(UserName=arn.rsplit("/", 1)[-1], PolicyArn=arn)
    return moto_item(POLICY, arn, RULE)


def test_decrypt_on_named_keys_is_compliant(aws, moto_item, evaluate_rule):
    key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    item = _policy(aws, moto_item, {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": key})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


@pytest.mark.parametrize(
    "statement",
    [
        {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"},
        {"Effect": "Allow", "Action": "kms:*", "Resource": "arn:aws:kms:*:123456789012:key/*"},
        {"Effect": "Allow", "Action": ["kms:ReEncrypt*"], "Resource": ["*"]},
        {"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"},
    ],
)
def test_decrypt_on_all_keys_is_non_compliant(aws, moto_item, evaluate_rule, statement):
    assert evaluate_rule(RULE, _policy(aws, moto_item, statement)).compliance == "NON_COMPLIANT"


def test_conditions_are_not_read_and_denies_do_not_count(aws, moto_item, evaluate_rule):
    conditioned = {
        "Effect": "Allow",
        "Action": "kms:Decrypt",
        "Resource": "*",
        "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}},
    }
    assert evaluate_rule(RULE, _policy(aws, moto_item, conditioned)).compliance == "NON_COMPLIANT"
    deny = {"Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"}
    assert evaluate_rule(RULE, _policy(aws, moto_item, deny)).compliance == "COMPLIANT"


def test_the_blocked_patterns_are_a_parameter(aws, moto_item, evaluate_rule):
    item = _policy(aws, moto_item, {"Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*"})
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, blockedActionsPatterns="kms:Encrypt").compliance == "NON_COMPLIANT"


def test_boundary_only_policies_are_excluded_by_default(config_item, evaluate_rule):
    configuration = {
        "attachmentCount": 0,
        "permissionsBoundaryUsageCount": 2,
        "policyVersionList": [
            {
                "isDefaultVersion": True,
                "document": {"Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]},
            }
        ],
    }
    item = config_item(POLICY, "ANPA1", configuration=configuration)
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"
    assert evaluate_rule(RULE, item, excludePermissionBoundaryPolicy="false").compliance == "NON_COMPLIANT"


def test_real_config_item(config_item_from_file, config_item, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_IAM_Policy.json")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::IAM::User", "AIDA1")).compliance == "NOT_APPLICABLE"
