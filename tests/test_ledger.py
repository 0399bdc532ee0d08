from __future__ import annotations

import json
import os
import threading

import pytest

from warden.ledger import Ledger, LocalStore, Outcome, S3Store, verify


def entry(n: int = 0, **extra):
    return {
        "account": "123456789012",
        "region": "us-east-1",
        "rule": "s3-bucket-ssl-requests-only",
        "controls": ["S3.5"],
        "resource_arn": f"arn:aws:s3:::bucket-{n}",
        "actor": "arn:aws:sts::123456789012:assumed-role/warden/test",
        "mode": "auto",
        "outcome": Outcome.DETECTED.value,
        "error_code": None,
        "before": None,
        "after": None,
        **extra,
    }


@pytest.fixture
def local(tmp_path):
    ledger = Ledger(LocalStore(tmp_path))
    records = [ledger.append(entry(i)) for i in range(5)]
    return tmp_path, ledger, records


def _record_path(root, record):
    return next(p for p in root.rglob(f"*-{record['id']}.json"))


def test_records_chain_and_verify(local):
    root, ledger, records = local
    assert [r["seq"] for r in records] == [1, 2, 3, 4, 5]
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(records, records[1:], strict=False))
    report = verify(LocalStore(root))
    assert report.ok and report.records == 5 and report.streams == 1
    # date-partitioned keys
    assert _record_path(root, records[0]).relative_to(root).parts[0:2] == ("records", records[0]["time"][:4])


def test_edited_record_is_named(local):
    root, _, records = local
    path = _record_path(root, records[2])
    os.chmod(path, 0o644)
    tampered = json.loads(path.read_text()) | {"outcome": "REMEDIATED"}
    path.write_text(json.dumps(tampered))
    report = verify(LocalStore(root))
    assert [(p.kind, p.seq, p.record) for p in report.problems] == [("edited", 3, records[2]["id"])]


def test_deleted_record_is_named(local):
    root, _, records = local
    _record_path(root, records[1]).unlink()
    report = verify(LocalStore(root))
    assert [(p.kind, p.seq, p.record) for p in report.problems] == [("deleted", 2, records[1]["id"])]


def test_deleted_record_and_claim_leave_a_gap(local):
    root, _, records = local
    _record_path(root, records[3]).unlink()
    next(root.glob("chain/*/000000000004.json")).unlink()
    report = verify(LocalStore(root))
    assert [(p.kind, p.seq) for p in report.problems] == [("deleted", 4), ("reordered", 5)]


def test_inserted_record_is_named(local):
    root, _, records = local
    forged = dict(records[1], id="00000000-0000-4000-8000-000000000000", outcome="SKIPPED")
    target = _record_path(root, records[1]).with_name(f"000000000002-{forged['id']}.json")
    target.write_text(json.dumps(forged))
    report = verify(LocalStore(root))
    assert [(p.kind, p.record) for p in report.problems] == [("inserted", str(target.relative_to(root)))]


def test_reordered_records_are_named(local):
    root, _, records = local
    first, second = _record_path(root, records[1]), _record_path(root, records[2])
    for path in (first, second):
        os.chmod(path, 0o644)
    a, b = first.read_text(), second.read_text()
    first.write_text(b)
    second.write_text(a)
    report = verify(LocalStore(root))
    assert {(p.kind, p.seq) for p in report.problems} == {("reordered", 2), ("reordered", 3)}


def test_records_are_never_overwritten(local):
    root, _, records = local
    assert not LocalStore(root).create(str(_record_path(root, records[0]).relative_to(root)), b"{}")


def _write_concurrently(writers, each):
    errors = []

    def write(ledger):
        try:
            for i in range(each):
                ledger.append(entry(i))
        except Exception as exc:  # surfaced below: a dead writer must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


def test_concurrent_writers_do_not_break_the_chain(tmp_path):
    # Separate Ledger objects share nothing but the directory, like separate Lambda instances.
    _write_concurrently([Ledger(LocalStore(tmp_path)) for _ in range(4)], 15)
    report = verify(LocalStore(tmp_path))
    assert report.ok, [str(p) for p in report.problems]
    assert report.records == 60
    assert [r["seq"] for r in Ledger(LocalStore(tmp_path)).records()] == list(range(1, 61))


def test_record_schema_is_enforced(tmp_path):
    with pytest.raises(Exception, match="outcome|enum"):
        Ledger(LocalStore(tmp_path)).append(entry(outcome="MAYBE"))


def test_s3_store_with_object_lock_writes_retention_and_refuses_overwrite(aws):
    s3 = aws.client("s3")
    s3.create_bucket(Bucket="warden-audit", ObjectLockEnabledForBucket=True)
    s3.put_object_lock_configuration(
        Bucket="warden-audit",
        ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled",
            "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 7}},
        },
    )
    store = S3Store(s3, "warden-audit")
    ledger = Ledger(store)
    records = [ledger.append(entry(i)) for i in range(3)]
    keys = store.list("records/")
    assert len(keys) == 3
    head = s3.head_object(Bucket="warden-audit", Key=f"warden-audit/{keys[0]}")
    assert head["ObjectLockMode"] == "GOVERNANCE" and head["ObjectLockRetainUntilDate"]
    assert not store.create(keys[0], b"{}")
    with pytest.raises(Exception, match="AccessDenied"):
        s3.delete_object(Bucket="warden-audit", Key=f"warden-audit/{keys[0]}", VersionId=head["VersionId"])
    assert verify(store).ok
    assert Ledger(S3Store(s3, "warden-audit")).append(entry(9))["seq"] == 4  # a new writer finds the head
    assert [r["id"] for r in ledger.records()][:3] == [r["id"] for r in records]


def test_s3_store_concurrent_writers(aws):
    s3 = aws.client("s3")
    s3.create_bucket(Bucket="plain-audit")
    _write_concurrently([Ledger(S3Store(s3, "plain-audit")) for _ in range(3)], 8)
    report = verify(S3Store(s3, "plain-audit"))
    assert report.ok and report.records == 24
