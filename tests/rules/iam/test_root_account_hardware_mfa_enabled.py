from __future__ import annotations

from botocore.stub import Stubber

from warden.collectors import collector_for

RULE = "root-account-hardware-mfa-enabled"
ACCOUNT = "AWS::::Account"
ROOT = "arn:aws:iam::123456789012:root"


def _account(aws, virtual_devices):
    # moto cannot give the root user an MFA device: the summary and the virtual devices are pinned.
    with Stubber(aws.client("iam")) as stub:
        stub.add_response("get_account_summary", {"SummaryMap": {"AccountMFAEnabled": 1}}, {})
        stub.add_response(
            "list_virtual_mfa_devices", {"VirtualMFADevices": virtual_devices}, {"AssignmentStatus": "Assigned"}
        )
        return collector_for(ACCOUNT).read(
            aws.clients, "us-east-1", aws.account_id, aws.account_id, ["AccountSummary", "RootVirtualMfa"]
        )


def test_root_with_hardware_mfa_is_compliant(aws, evaluate_rule):
    alice = {
        "Path": "/",
        "UserName": "alice",
        "UserId": "AIDAALICE0000000000",
        "Arn": "arn:aws:iam::123456789012:user/alice",
        "CreateDate": "2024-01-01T00:00:00Z",
    }
    other = {"SerialNumber": "arn:aws:iam::123456789012:mfa/alice", "User": alice}
    assert evaluate_rule(RULE, _account(aws, [other])).compliance == "COMPLIANT"


def test_root_with_virtual_mfa_is_non_compliant(aws, evaluate_rule):
    root_device = {"SerialNumber": "arn:aws:iam::123456789012:mfa/root-account-mfa-device"}
    result = evaluate_rule(RULE, _account(aws, [root_device]))
    assert result.compliance == "NON_COMPLIANT"
    assert "virtual" in result.annotation


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    item = config_item(ACCOUNT, "123456789012", supplementary={"AccountSummary": {"AccountMFAEnabled": 0}})
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item(ACCOUNT, "123456789012")).compliance == "NOT_APPLICABLE"
