from __future__ import annotations

import json

RULE = "iam-user-no-policies-check"
USER = "AWS::IAM::User"
DOCUMENT = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:List*", "Resource": "*"}]}
)


def test_user_without_own_policies_is_compliant(aws, moto_item, evaluate_rule):
    iam = aws.client("iam")
    iam.create_user(UserName="analyst")
    iam.create_group(GroupName="analysts")
    iam.add_user_to_group(GroupName="analysts", UserName="analyst")
    assert evaluate_rule(RULE, moto_item(USER, "analyst", RULE)).compliance == "COMPLIANT"


def test_attached_and_inline_policies_are_non_compliant(aws, moto_item, evaluate_rule):
    iam = aws.client("iam")
    iam.create_user(UserName="analyst")
    arn = iam.create_policy(PolicyName="list-buckets", PolicyDocument=DOCUMENT)["Policy"]["Arn"]
    iam.attach_user_policy(UserName="analyst", PolicyArn=arn)
    iam.put_user_policy(UserName="analyst", PolicyName="inline-list", PolicyDocument=DOCUMENT)
    result = evaluate_rule(RULE, moto_item(USER, "analyst", RULE))
    assert result.compliance == "NON_COMPLIANT"
    assert "list-buckets" in result.annotation and "inline-list" in result.annotation


def test_real_config_item_and_other_types(config_item_from_file, config_item, evaluate_rule, samples):
    # The RDK sample user has attachedManagedPolicies and userPolicyList recorded by Config.
    item = config_item_from_file(samples / "config-items/rdk_AWS_IAM_User.json")
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::IAM::Policy", "p")).compliance == "NOT_APPLICABLE"
