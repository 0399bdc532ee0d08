from __future__ import annotations

import json

import pytest

RULE = "iam-policy-no-statements-with-full-access"
POLICY = "AWS::IAM::Policy"


def _policy(aws, moto_item, actions):
    statement = {"Effect": "Allow", "Action": actions, "Resource": "*"}
    document = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    created = aws.client("iam").create_policy(PolicyName="orders-app", PolicyDocument=document)["Policy"]
    return moto_item(POLICY, created["Arn"], RULE)


def test_named_actions_are_compliant(aws, moto_item, evaluate_rule):
    item = _policy(aws, moto_item, ["s3:GetObject", "sqs:SendMessage"])
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


@pytest.mark.parametrize("actions", [["s3:*"], ["sqs:SendMessage", "dynamodb:*"], "*"])
def test_service_wildcards_are_non_compliant(aws, moto_item, evaluate_rule, actions):
    result = evaluate_rule(RULE, _policy(aws, moto_item, actions))
    assert result.compliance == "NON_COMPLIANT"


def test_permissions_boundaries_are_not_applicable(config_item, evaluate_rule):
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
    recorded = {
        "policyName": "boundary",
        "permissionsBoundaryUsageCount": 2,
        "policyVersionList": [{"document": document, "versionId": "v1", "isDefaultVersion": True}],
    }
    item = config_item(POLICY, "ANPA1", configuration=recorded)
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"
    assert evaluate_rule(RULE, item, excludePermissionBoundaryPolicy=False).compliance == "NON_COMPLIANT"


def test_real_config_item(config_item_from_file, evaluate_rule, samples):
    # The RDK sample allows elasticloadbalancing:Describe* only.
    item = config_item_from_file(samples / "config-items/rdk_AWS_IAM_Policy.json")
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
