"""ec2-ebs-snapshot-make-private under the shared contract, with Stubber: moto ignores the
RestorableByUserIds filter, so only pinned answers show a snapshot turning private."""

from __future__ import annotations

from botocore.stub import Stubber

from warden.model import Compliance, Evaluation, Severity
from warden.remediation import iam_action, load_remediations

ACCOUNT = "123456789012"
LIST = {"RestorableByUserIds": ["all"], "Filters": [{"Name": "owner-id", "Values": [ACCOUNT]}]}


def _finding() -> Evaluation:
    return Evaluation(
        "ebs-snapshot-public-restorable-check",
        ("EC2.1",),
        Severity.CRITICAL,
        "AWS::::Account",
        ACCOUNT,
        f"arn:aws:iam::{ACCOUNT}:root",
        "us-east-1",
        ACCOUNT,
        Compliance.NON_COMPLIANT,
        "seen by a scan",
        "ec2-ebs-snapshot-make-private",
    )


def _permission(snapshot: str, operation: str) -> dict[str, object]:
    return {
        "SnapshotId": snapshot,
        "Attribute": "createVolumePermission",
        "OperationType": operation,
        "GroupNames": ["all"],
    }


def _public(*ids: str) -> dict[str, object]:
    return {"Snapshots": [{"SnapshotId": i} for i in ids]}


def test_public_snapshots_are_made_private_and_verified(aws, remediator, ledger):
    with Stubber(aws.client("ec2")) as stub:
        stub.add_response("describe_snapshots", _public("snap-a", "snap-b"), LIST)
        stub.add_response("modify_snapshot_attribute", {}, _permission("snap-a", "remove"))
        stub.add_response("modify_snapshot_attribute", {}, _permission("snap-b", "remove"))
        stub.add_response("describe_snapshots", _public(), LIST)
        result = remediator().handle(_finding())
        stub.assert_no_pending_responses()
    assert result.outcome == "REMEDIATED", result.detail
    records = list(ledger.records())
    assert [r["outcome"] for r in records] == ["DETECTED", "INTENT", "REMEDIATED"]
    assert records[1]["before"] == {"publicSnapshots": ["snap-a", "snap-b"]}
    declared = load_remediations().get("ec2-ebs-snapshot-make-private").permissions
    assert {iam_action(c.service, c.operation) for c in result.plan.calls} <= set(declared)


def test_second_run_changes_nothing(aws, remediator):
    with Stubber(aws.client("ec2")) as stub:
        stub.add_response("describe_snapshots", _public(), LIST)
        result = remediator().handle(_finding())
        stub.assert_no_pending_responses()  # a read, and no write
    assert result.outcome == "SKIPPED" and "no longer violates" in result.detail


def test_failure_is_recorded_with_the_aws_error_code(aws, remediator, ledger):
    with Stubber(aws.client("ec2")) as stub:
        stub.add_response("describe_snapshots", _public("snap-a"), LIST)
        stub.add_client_error("modify_snapshot_attribute", "UnauthorizedOperation", http_status_code=403)
        result = remediator().handle(_finding())
    assert (result.outcome, result.error_code) == ("FAILED", "UnauthorizedOperation")
    assert [r["error_code"] for r in ledger.records() if r["outcome"] == "FAILED"] == ["UnauthorizedOperation"]


def test_rollback_shares_the_snapshots_publicly_again(aws, remediator, ledger):
    engine = remediator()
    with Stubber(aws.client("ec2")) as stub:
        stub.add_response("describe_snapshots", _public("snap-a"), LIST)
        stub.add_response("modify_snapshot_attribute", {}, _permission("snap-a", "remove"))
        stub.add_response("describe_snapshots", _public(), LIST)
        fixed = engine.handle(_finding())
        stub.add_response("modify_snapshot_attribute", {}, _permission("snap-a", "add"))
        stub.add_response("describe_snapshots", _public("snap-a"), LIST)
        undone = engine.rollback(fixed.record_id)
        stub.assert_no_pending_responses()
    assert undone.outcome == "ROLLED_BACK", undone.detail
    rolled = [r for r in ledger.records() if r["outcome"] == "ROLLED_BACK"][0]
    assert rolled["after"] == {"publicSnapshots": ["snap-a"]}
