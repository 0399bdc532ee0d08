"""The scheduled sweep: intents whose finding never came back are settled from the account as it is."""

from __future__ import annotations

import datetime as dt

import botocore.endpoint
import botocore.exceptions
import pytest

from warden.ledger import Ledger, Outcome
from warden.reconcile import MARK, sweep
from warden.remediate import Remediator
from warden.remediation import Mode
from warden.settings import Settings
from warden.testing import inject_fault

from .test_write_ahead import FlakyStore

RULE = "s3-bucket-versioning-enabled"
FINDING = "finding-1"
STREAM = "123456789012-us-east-1"


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    monkeypatch.setattr(botocore.endpoint.time, "sleep", lambda _: None)


@pytest.fixture
def bucket(aws):
    aws.client("s3").create_bucket(Bucket="data")
    return "data"


def _later(minutes: float):
    return lambda: dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes)


def _outcomes(ledger):
    return [(r["outcome"], r.get("error_code")) for r in ledger.records()]


def _engine(aws, ledger):
    return Remediator(aws.clients, ledger, settings=Settings(Mode.AUTO, verify_delay_seconds=0), sleep=lambda _: None)


def _in(engine):
    """The one-account form of the sweep's `remediator_in`."""
    return lambda _account: engine


def _lost_outcome(aws, bucket, finding, ledger):
    """A delivery that changed the bucket and then could not record the outcome (and was never redelivered)."""
    with pytest.raises(botocore.exceptions.ClientError):
        _engine(aws, ledger).handle(finding(RULE, "AWS::S3::Bucket", bucket), finding_id=FINDING)
    assert [o for o, _ in _outcomes(ledger)] == ["DETECTED", "INTENT"]


@pytest.fixture
def flaky_ledger(tmp_path):
    return Ledger(FlakyStore(tmp_path / "audit", "REMEDIATED"))


def test_an_intent_whose_change_took_effect_is_recorded_remediated(aws, bucket, finding, flaky_ledger):
    _lost_outcome(aws, bucket, finding, flaky_ledger)

    report = sweep(_in(_engine(aws, flaky_ledger)), flaky_ledger, now=_later(20))

    assert report.settled == {"REMEDIATED": 1} and report.still_open == 0
    records = list(flaky_ledger.records())
    assert records[-1]["outcome"] == "REMEDIATED" and records[-1]["plan_id"] == records[1]["plan_id"]
    assert records[-1]["finding_id"] == FINDING and records[-1]["after"] == {"versioning": "Enabled"}
    assert records[-1]["detail"].startswith("reconciled: the change of intent")
    # settled once: the next sweep reads only what was appended since, and writes nothing
    again = sweep(_in(_engine(aws, flaky_ledger)), flaky_ledger, now=_later(40))
    assert (again.settled, again.records_read) == ({}, 1)
    assert flaky_ledger.mark(MARK, STREAM) == records[-1]["seq"]


def test_an_intent_whose_change_did_not_happen_is_recorded_failed(aws, bucket, finding, remediator, ledger):
    evaluation = finding(RULE, "AWS::S3::Bucket", bucket)
    engine = remediator()
    pending = engine.prepare(evaluation, finding_id=FINDING)
    engine._record(pending.context, Outcome.INTENT, "applying", plan=pending.plan)  # a delivery killed mid-change

    report = sweep(_in(remediator()), ledger, now=_later(20))

    assert report.settled == {"FAILED": 1}
    assert _outcomes(ledger)[-1] == ("FAILED", "NotInEffect")


def test_a_young_intent_is_left_to_its_delivery_and_the_mark_stops_before_it(aws, bucket, finding, flaky_ledger):
    _lost_outcome(aws, bucket, finding, flaky_ledger)

    early = sweep(
        _engine(aws, flaky_ledger), flaky_ledger, now=_later(5)
    )  # within the grace: its delivery may still run

    assert (early.settled, early.still_open) == ({}, 1)
    assert flaky_ledger.mark(MARK, STREAM) == 1  # the DETECTED record, not the open INTENT
    late = sweep(_in(_engine(aws, flaky_ledger)), flaky_ledger, now=_later(20))
    assert late.settled == {"REMEDIATED": 1}


def test_an_intent_whose_resource_cannot_be_read_stays_open_for_the_next_sweep(aws, bucket, finding, flaky_ledger):
    _lost_outcome(aws, bucket, finding, flaky_ledger)
    fault = inject_fault(aws.client("s3"), "GetBucketVersioning", "InternalError", 500, times=1000)

    blocked = sweep(_in(_engine(aws, flaky_ledger)), flaky_ledger, now=_later(20))

    assert (blocked.settled, blocked.still_open) == ({}, 1) and fault.answered > 0
    assert flaky_ledger.mark(MARK, STREAM) == 1
    fault.times = fault.answered  # S3 answers again
    assert sweep(_in(_engine(aws, flaky_ledger)), flaky_ledger, now=_later(35)).settled == {"REMEDIATED": 1}


def test_an_intent_in_an_account_that_cannot_be_reached_stays_open_and_the_others_are_settled(
    aws, bucket, finding, flaky_ledger
):
    from warden.organization import ForeignAccountError

    _lost_outcome(aws, bucket, finding, flaky_ledger)

    def gone(account):
        raise ForeignAccountError(f"account {account} is not an active member of the organization")

    blocked = sweep(gone, flaky_ledger, now=_later(20))

    assert (blocked.settled, blocked.still_open) == ({}, 1)
    assert sweep(_in(_engine(aws, flaky_ledger)), flaky_ledger, now=_later(35)).settled == {"REMEDIATED": 1}
