from __future__ import annotations

import json

import pytest

RULE = "sqs-queue-no-public-access"
ARN = "arn:aws:sqs:us-east-1:123456789012:orders"


def _policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def _allow(principal, condition=None):
    statement = {"Sid": "Send", "Effect": "Allow", "Principal": principal, "Action": "sqs:SendMessage", "Resource": ARN}
    if condition:
        statement["Condition"] = condition
    return statement


def test_queue_without_policy_is_compliant(queue, evaluate_rule):
    assert evaluate_rule(RULE, queue(RULE)).compliance == "COMPLIANT"


def test_policy_pinned_to_a_source_arn_is_compliant(queue, evaluate_rule):
    pinned = _allow("*", {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:orders"}})
    assert evaluate_rule(RULE, queue(RULE, Policy=_policy(pinned))).compliance == "COMPLIANT"


def test_named_account_is_compliant(queue, evaluate_rule):
    named = _allow({"AWS": "arn:aws:iam::111122223333:root"})
    assert evaluate_rule(RULE, queue(RULE, Policy=_policy(named))).compliance == "COMPLIANT"


@pytest.mark.parametrize(
    "statement",
    [
        _allow("*"),
        _allow({"AWS": ["*"]}),
        # A wildcard in the pinned value is no pin at all.
        _allow("*", {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:*"}}),
        # Conditions on keys that do not name the caller do not narrow who may call.
        _allow("*", {"Bool": {"aws:SecureTransport": "true"}}),
        _allow("*", {"StringNotEquals": {"aws:SourceAccount": "123456789012"}}),
    ],
)
def test_public_statements_are_non_compliant(queue, evaluate_rule, statement):
    result = evaluate_rule(RULE, queue(RULE, Policy=_policy(statement)))
    assert result.compliance == "NON_COMPLIANT"
    assert "Send" in result.annotation


def test_deny_for_everyone_is_not_public(queue, evaluate_rule):
    deny = {**_allow("*"), "Effect": "Deny"}
    assert evaluate_rule(RULE, queue(RULE, Policy=_policy(deny))).compliance == "COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    url = "https://sqs.us-east-1.amazonaws.com/123456789012/orders"
    recorded = {"QueueUrl": url, "QueueArn": ARN, "Policy": _policy(_allow("*"))}
    item = config_item("AWS::SQS::Queue", url, configuration=recorded)
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"
