from __future__ import annotations

import json

import pytest

RULE = "lambda-function-public-access-prohibited"
ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders"
INVOKE = {"StatementId": "invoke", "Action": "lambda:InvokeFunction"}


def test_function_without_policy_is_compliant(function, evaluate_rule):
    result = evaluate_rule(RULE, function(RULE))
    assert result.compliance == "COMPLIANT"
    assert (result.resource_id, result.resource_arn) == ("orders", ARN)


@pytest.mark.parametrize(
    "permission",
    [
        {**INVOKE, "Principal": "events.amazonaws.com", "SourceArn": "arn:aws:events:us-east-1:123456789012:rule/r"},
        {**INVOKE, "Principal": "s3.amazonaws.com", "SourceArn": "arn:aws:s3:::in", "SourceAccount": "123456789012"},
        {**INVOKE, "Principal": "*", "PrincipalOrgID": "o-a1b2c3d4e5"},
        {**INVOKE, "Principal": "111122223333"},
    ],
)
def test_pinned_permissions_are_compliant(function, evaluate_rule, permission):
    assert evaluate_rule(RULE, function(RULE, permissions=(permission,))).compliance == "COMPLIANT"


@pytest.mark.parametrize(
    "permission",
    [
        {**INVOKE, "Principal": "*"},
        {
            "StatementId": "invoke",
            "Action": "lambda:InvokeFunctionUrl",
            "Principal": "*",
            "FunctionUrlAuthType": "NONE",
        },
        # S3 names buckets, not accounts: without aws:SourceAccount another account's bucket could invoke.
        {**INVOKE, "Principal": "s3.amazonaws.com", "SourceArn": "arn:aws:s3:::in"},
    ],
)
def test_public_permissions_are_non_compliant(function, evaluate_rule, permission):
    result = evaluate_rule(RULE, function(RULE, permissions=(permission,)))
    assert result.compliance == "NON_COMPLIANT"
    assert "invoke" in result.annotation


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "url",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "lambda:InvokeFunctionUrl",
                "Resource": ARN,
                "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}},
            }
        ],
    }
    # Config records the function policy as a JSON string in supplementaryConfiguration.Policy.
    item = config_item(
        "AWS::Lambda::Function",
        "orders",
        configuration={"functionName": "orders", "functionArn": ARN, "runtime": "python3.12"},
        supplementary={"Policy": json.dumps(policy)},
    )
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::SQS::Queue", "q")).compliance == "NOT_APPLICABLE"


def test_cloudtrail_trigger_takes_the_function_from_the_request():
    from warden.registry import load_rules

    (trigger,) = load_rules().get(RULE).cloudtrail
    assert "AddPermission20150331v2" in trigger.events
    record = {"requestParameters": {"functionName": "orders", "statementId": "x", "principal": "*"}}
    assert trigger.resolve_resource_id(record) == "orders"
