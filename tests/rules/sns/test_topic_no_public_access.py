from __future__ import annotations

import json

import pytest

RULE = "sns-topic-no-public-access"
ARN = "arn:aws:sns:us-east-1:123456789012:orders"


def _policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def _allow(principal, condition=None):
    statement = {"Sid": "Publish", "Effect": "Allow", "Principal": principal, "Action": "SNS:Publish", "Resource": ARN}
    if condition:
        statement["Condition"] = condition
    return statement


def test_default_policy_is_compliant(topic, evaluate_rule):
    # SNS's default policy allows AWS:* but only with AWS:SourceOwner pinned to the owning account.
    assert evaluate_rule(RULE, topic(RULE)).compliance == "COMPLIANT"


def test_policy_pinned_to_an_organisation_is_compliant(topic, evaluate_rule):
    pinned = _allow({"AWS": "*"}, {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})
    assert evaluate_rule(RULE, topic(RULE, Policy=_policy(pinned))).compliance == "COMPLIANT"


@pytest.mark.parametrize(
    "statement",
    [
        _allow("*"),
        _allow({"AWS": "*"}, {"StringLike": {"aws:SourceOwner": "*"}}),
        _allow({"AWS": "*"}, {"StringEquals": {"aws:SourceOwner": "${aws:username}"}}),
    ],
)
def test_public_statements_are_non_compliant(topic, evaluate_rule, statement):
    result = evaluate_rule(RULE, topic(RULE, Policy=_policy(statement)))
    assert result.compliance == "NON_COMPLIANT"
    assert "Publish" in result.annotation


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    recorded = {"TopicArn": ARN, "Owner": "123456789012", "Policy": _policy(_allow("*"))}
    item = config_item("AWS::SNS::Topic", ARN, configuration=recorded)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::SQS::Queue", "q")).compliance == "NOT_APPLICABLE"
