"""The statement-to-AddPermission mapping behind the Lambda fix's rollback, on statements as real AWS writes
them (moto records a function URL's auth type outside the condition, so the contract test cannot show this)."""

from __future__ import annotations

import json

from warden.remediations.lambda_remove_public_permission import add_permission_params

from warden.registry import load_rules
from warden.remediation import load_remediations
from warden.testing import make_item

ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders"
URL_STATEMENT = {
    "Sid": "FunctionURLAllowPublicAccess",
    "Effect": "Allow",
    "Principal": "*",
    "Action": "lambda:InvokeFunctionUrl",
    "Resource": ARN,
    "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}},
}


def test_a_function_url_statement_maps_back_to_its_add_permission_call():
    assert add_permission_params("orders", URL_STATEMENT) == {
        "FunctionName": "orders",
        "StatementId": "FunctionURLAllowPublicAccess",
        "Action": "lambda:InvokeFunctionUrl",
        "Principal": "*",
        "FunctionUrlAuthType": "NONE",
    }


def test_a_statement_add_permission_cannot_write_is_left_to_a_person():
    odd = {**URL_STATEMENT, "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}
    assert add_permission_params("orders", odd) is None
    item = make_item(
        "AWS::Lambda::Function",
        "orders",
        arn=ARN,
        supplementary={"Policy": json.dumps({"Version": "2012-10-17", "Statement": [odd]})},
    )
    rule = load_rules().get("lambda-function-public-access-prohibited")
    plan = load_remediations().get("lambda-remove-public-permission").plan(item, rule, {})
    assert plan.is_noop and "aws:SourceAccount" in (plan.manual_action or "")
