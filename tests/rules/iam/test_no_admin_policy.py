from __future__ import annotations

import json
import urllib.parse

import pytest

RULE = "iam-policy-no-statements-with-admin-access"
POLICY = "AWS::IAM::Policy"
ADMIN = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
SCOPED = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


def _policy(aws, moto_item, document, attach=True):
    iam = aws.client("iam")
    policy = iam.create_policy(PolicyName=f"p{len(json.dumps(document))}{attach}", PolicyDocument=json.dumps(document))[
        "Policy"
    ]
    if attach:
        iam.create_user(UserName=f"u-{policy['PolicyId']}")
        iam.attach_user_policy(UserName=f"u-{policy['PolicyId']}", PolicyArn=policy["Arn"])
    return moto_item(POLICY, policy["Arn"], RULE)


def test_scoped_policy_is_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _policy(aws, moto_item, SCOPED)).compliance == "COMPLIANT"


def test_attached_admin_policy_is_non_compliant(aws, moto_item, evaluate_rule):
    result = evaluate_rule(RULE, _policy(aws, moto_item, ADMIN))
    assert result.compliance == "NON_COMPLIANT"
    assert result.resource_arn.startswith("arn:aws:iam::123456789012:policy/")


def test_unattached_admin_policy_is_not_applicable(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, _policy(aws, moto_item, ADMIN, attach=False)).compliance == "NOT_APPLICABLE"


@pytest.mark.parametrize(
    "encode",
    [lambda d: d, json.dumps, lambda d: urllib.parse.quote(json.dumps(d)), lambda d: [d]],
    ids=["object", "json-string", "url-encoded", "list"],
)
def test_every_document_encoding(config_item, evaluate_rule, encode):
    item = config_item(
        POLICY,
        "ANPA1",
        configuration={
            "attachmentCount": 1,
            "policyVersionList": [{"document": encode(ADMIN), "versionId": "v1", "isDefaultVersion": True}],
        },
    )
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_action_list_with_star(config_item, evaluate_rule):
    document = {"Statement": {"Effect": "Allow", "Action": ["ec2:*", "*"], "Resource": ["*"]}}
    item = config_item(
        POLICY,
        "ANPA1",
        configuration={"attachmentCount": 2, "policyVersionList": [{"document": document, "isDefaultVersion": True}]},
    )
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_rdk_policy(config_item_from_file, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_IAM_Policy.json")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
