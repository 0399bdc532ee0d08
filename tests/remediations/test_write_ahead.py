"""Write-ahead audit: no change without its intent on record, and no change left without its outcome."""

from __future__ import annotations

import botocore.endpoint
import botocore.exceptions
import pytest

from warden.ledger import Ledger, LocalStore
from warden.remediate import Remediator, attempt_so_far
from warden.remediation import Mode
from warden.settings import Settings
from warden.testing import inject_fault

RULE = "s3-bucket-versioning-enabled"
FINDING = "finding-1"


class FlakyStore(LocalStore):
    """A ledger directory whose next write of a record with `outcome` fails like a throttled S3 put."""

    def __init__(self, root, outcome: str) -> None:
        super().__init__(root)
        self.failing = f'"outcome":"{outcome}"'.encode()

    def create(self, key, body):
        if key.startswith("chain/") and self.failing and self.failing in body:
            self.failing = b""
            raise botocore.exceptions.ClientError({"Error": {"Code": "SlowDown"}}, "PutObject")
        return super().create(key, body)


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    monkeypatch.setattr(botocore.endpoint.time, "sleep", lambda _: None)


@pytest.fixture
def bucket(aws):
    aws.client("s3").create_bucket(Bucket="data")
    return "data"


def _engine(aws, ledger):
    return Remediator(aws.clients, ledger, settings=Settings(Mode.AUTO, verify_delay_seconds=0), sleep=lambda _: None)


def _status(aws):
    return aws.client("s3").get_bucket_versioning(Bucket="data").get("Status", "Off")


def _open(ledger):
    """What the worker hands a redelivery: the earlier attempts' intents still without an outcome."""
    return attempt_so_far(r for r in ledger.records() if r.get("finding_id") == FINDING)[0]


def _outcomes(ledger):
    return [r["outcome"] for r in ledger.records()]


def test_no_change_is_made_when_its_intent_cannot_be_written(aws, bucket, finding, tmp_path):
    ledger = Ledger(FlakyStore(tmp_path / "audit", "INTENT"))
    with pytest.raises(botocore.exceptions.ClientError, match="SlowDown"):
        _engine(aws, ledger).handle(finding(RULE, "AWS::S3::Bucket", bucket), finding_id=FINDING)
    assert _status(aws) == "Off" and _outcomes(ledger) == ["DETECTED"]


def test_a_change_whose_outcome_was_lost_is_reconciled_as_remediated_on_redelivery(aws, bucket, finding, tmp_path):
    ledger = Ledger(FlakyStore(tmp_path / "audit", "REMEDIATED"))
    evaluation = finding(RULE, "AWS::S3::Bucket", bucket)
    with pytest.raises(botocore.exceptions.ClientError):
        _engine(aws, ledger).handle(evaluation, finding_id=FINDING, earlier_intents=_open(ledger))
    assert _status(aws) == "Enabled" and _outcomes(ledger) == ["DETECTED", "INTENT"]
    result = _engine(aws, ledger).handle(
        evaluation, finding_id=FINDING, earlier_intents=_open(ledger)
    )  # the redelivery
    assert result.outcome == "REMEDIATED" and result.detail.startswith("reconciled: ")
    records = list(ledger.records())
    assert [r["outcome"] for r in records] == ["DETECTED", "INTENT", "DETECTED", "REMEDIATED"]
    assert records[3]["plan_id"] == records[1]["plan_id"] and records[3]["after"] == {"versioning": "Enabled"}
    # settled: a further delivery has nothing to reconcile
    assert (
        _engine(aws, ledger).handle(evaluation, finding_id=FINDING, earlier_intents=_open(ledger)).outcome == "SKIPPED"
    )


def test_a_change_that_did_not_happen_is_reconciled_as_failed_and_made_again(aws, bucket, finding, remediator, ledger):
    evaluation = finding(RULE, "AWS::S3::Bucket", bucket)
    fault = inject_fault(aws.client("s3"), "PutBucketVersioning", "SlowDown", 503, times=2)
    first = remediator().handle(evaluation, finding_id=FINDING, earlier_intents=_open(ledger))
    assert (first.outcome, first.retriable, fault.answered) == ("FAILED", True, 2)
    again = remediator().handle(evaluation, finding_id=FINDING, earlier_intents=_open(ledger))
    assert again.outcome == "REMEDIATED" and _status(aws) == "Enabled"
    failed = [(r["error_code"], r["plan_id"]) for r in ledger.records() if r["outcome"] == "FAILED"]
    first_intent = next(r for r in ledger.records() if r["outcome"] == "INTENT")
    assert failed == [("SlowDown", first_intent["plan_id"]), ("NotInEffect", first_intent["plan_id"])]
    assert _outcomes(ledger) == ["DETECTED", "INTENT", "FAILED", "DETECTED", "FAILED", "INTENT", "REMEDIATED"]


def test_a_change_that_cannot_be_verified_stays_retriable_and_is_reconciled(aws, bucket, finding, remediator, ledger):
    evaluation = finding(RULE, "AWS::S3::Bucket", bucket)
    engine = remediator()
    pending = engine.prepare(evaluation, finding_id=FINDING)
    inject_fault(aws.client("s3"), "GetBucketVersioning", "InternalError", 500, times=6)  # every verify read
    unverified = engine.apply(pending)
    assert (unverified.outcome, unverified.error_code, unverified.retriable) == ("FAILED", "InternalError", True)
    assert _status(aws) == "Enabled"
    assert remediator().handle(evaluation, finding_id=FINDING, earlier_intents=_open(ledger)).outcome == "REMEDIATED"
