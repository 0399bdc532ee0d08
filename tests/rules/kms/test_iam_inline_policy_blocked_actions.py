from __future__ import annotations

import json
import urllib.parse

RULE = "iam-inline-policy-blocked-kms-actions"
OPEN = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}
SCOPED = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:123456789012:key/k1"}
    ],
}
TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


def test_user_with_scoped_inline_policy_is_compliant(aws, moto_item, evaluate_rule):
    iam = aws.client("iam")
    iam.create_user(UserName="deployer")
    iam.put_user_policy(UserName="deployer", PolicyName="scoped", PolicyDocument=json.dumps(SCOPED))
    assert evaluate_rule(RULE, moto_item("AWS::IAM::User", "deployer", RULE)).compliance == "COMPLIANT"


def test_role_with_open_inline_policy_is_non_compliant(aws, moto_item, evaluate_rule):
    iam = aws.client("iam")
    iam.create_role(RoleName="orders-task", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.put_role_policy(RoleName="orders-task", PolicyName="decrypt-all", PolicyDocument=json.dumps(OPEN))
    result = evaluate_rule(RULE, moto_item("AWS::IAM::Role", "orders-task", RULE))
    assert result.compliance == "NON_COMPLIANT" and "decrypt-all" in result.annotation


def test_group_with_open_inline_policy_is_non_compliant(aws, moto_item, evaluate_rule):
    iam = aws.client("iam")
    iam.create_group(GroupName="ops")
    iam.put_group_policy(GroupName="ops", PolicyName="decrypt-all", PolicyDocument=json.dumps(OPEN))
    item = moto_item("AWS::IAM::Group", "ops", RULE)
    assert item.resource_name == "ops"
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_url_encoded_config_documents_are_read(config_item, evaluate_rule):
    policies = [{"policyName": "decrypt-all", "policyDocument": urllib.parse.quote(json.dumps(OPEN))}]
    item = config_item("AWS::IAM::Role", "AROA1", configuration={"rolePolicyList": policies})
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_real_config_item(config_item_from_file, config_item, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_IAM_User.json")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::IAM::Policy", "ANPA1")).compliance == "NOT_APPLICABLE"
