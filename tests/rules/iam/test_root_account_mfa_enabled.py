from __future__ import annotations

from botocore.stub import Stubber

from warden.collectors import collector_for

RULE = "root-account-mfa-enabled"
ACCOUNT = "AWS::::Account"


def _account(aws, summary):
    # moto cannot give the root user an MFA device, so the account summary is pinned.
    with Stubber(aws.client("iam")) as stub:
        stub.add_response("get_account_summary", {"SummaryMap": summary}, {})
        return collector_for(ACCOUNT).read(aws.clients, "us-east-1", aws.account_id, aws.account_id, ["AccountSummary"])


def test_root_with_mfa_is_compliant(aws, evaluate_rule):
    assert evaluate_rule(RULE, _account(aws, {"AccountMFAEnabled": 1, "Users": 2})).compliance == "COMPLIANT"


def test_root_without_mfa_is_non_compliant(aws, moto_item, evaluate_rule):
    assert evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE)).compliance == "NON_COMPLIANT"


def test_unread_summary_and_other_types_are_not_applicable(config_item, config_item_from_file, evaluate_rule, samples):
    assert evaluate_rule(RULE, config_item(ACCOUNT, "123456789012")).compliance == "NOT_APPLICABLE"
    user = config_item_from_file(samples / "config-items/rdk_AWS_IAM_User.json")
    assert evaluate_rule(RULE, user).compliance == "NOT_APPLICABLE"
