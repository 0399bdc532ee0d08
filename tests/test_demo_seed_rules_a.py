"""The messaging, serverless and data seed gives each of its services a compliant and a non-compliant resource,
as a scan of the whole pack sees them."""

from __future__ import annotations

from collections import defaultdict

from warden.demo_account import seed_rules_a
from warden.registry import load_rules
from warden.scan import Scanner

# One rule per seeded service whose two resources must come out one each way.
BOTH_WAYS = (
    "sqs-queue-encrypted",
    "sns-encrypted-kms",
    "sns-topic-no-public-access",
    "lambda-function-public-access-prohibited",
    "lambda-function-settings-check",
    "lambda-inside-vpc",
    "dynamodb-pitr-enabled",
    "dynamodb-table-deletion-protection-enabled",
    "dax-encryption-enabled",
    "dax-tls-endpoint-encryption",
    "custom-eventbus-policy-attached",
    "step-functions-state-machine-logging-enabled",
    "iam-user-no-policies-check",
    "mfa-enabled-for-iam-console-access",
)


def test_each_seeded_service_has_a_compliant_and_a_non_compliant_resource(aws):
    seed_rules_a(aws.clients, "us-east-1")
    result = Scanner(aws.clients).run([load_rules().get(r) for r in BOTH_WAYS], ["us-east-1"])
    outcomes = defaultdict(set)
    for evaluation in result.evaluations:
        if "shop-" in evaluation.resource_id or "shop-" in evaluation.resource_arn:
            outcomes[evaluation.rule_id].add(evaluation.compliance.value)
    assert {r: {"COMPLIANT", "NON_COMPLIANT"} <= outcomes[r] for r in BOTH_WAYS} == dict.fromkeys(BOTH_WAYS, True)
    assert result.errors == []
