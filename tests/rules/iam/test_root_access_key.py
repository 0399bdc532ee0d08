from __future__ import annotations

from botocore.stub import Stubber

from warden.collectors import collector_for

RULE = "iam-root-access-key-check"
ACCOUNT = "AWS::::Account"


def test_no_root_key_is_compliant(aws, moto_item, evaluate_rule):
    result = evaluate_rule(RULE, moto_item(ACCOUNT, aws.account_id, RULE))
    assert result.compliance == "COMPLIANT"
    assert result.controls == ("IAM.4",)


def test_root_key_present_is_non_compliant(aws, evaluate_rule):
    # moto cannot create root access keys, so the account summary is pinned.
    iam = aws.client("iam")
    with Stubber(iam) as stub:
        stub.add_response("get_account_summary", {"SummaryMap": {"AccountAccessKeysPresent": 1, "Users": 3}}, {})
        item = collector_for(ACCOUNT).read(aws.clients, "us-east-1", aws.account_id, aws.account_id, ["AccountSummary"])
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT"
    assert "root" in result.annotation


def test_user_is_not_applicable(config_item_from_file, evaluate_rule, samples):
    item = config_item_from_file(samples / "config-items/rdk_AWS_IAM_User.json")
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"
