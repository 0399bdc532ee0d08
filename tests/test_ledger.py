from __future__ import annotations

import contextlib
import json
import os
import threading
import uuid
from collections import Counter

import pytest

from warden.ledger import (
    Ledger,
    LedgerError,
    LocalStore,
    Outcome,
    S3Store,
    canonical,
    record_hash,
    stream_name,
    verify,
)

STREAM = stream_name("123456789012", "us-east-1")


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


class MemoryStore:
    """A Store in a dict: big ledgers cost nothing to build."""

    location = "memory"

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def create(self, key, body):
        with self._lock:
            if key in self.objects:
                return False
            self.objects[key] = body
            return True

    def put(self, key, body):
        self.objects[key] = body

    def read(self, key):
        return self.objects.get(key)

    def list(self, prefix, start_after=None):
        yield from sorted(k for k in list(self.objects) if k.startswith(prefix) and k > (start_after or ""))

    def children(self, prefix):
        return sorted(
            {k[len(prefix) :].split("/")[0] for k in self.objects if k.startswith(prefix) and "/" in k[len(prefix) :]}
        )


class CountingStore:
    """Counts each kind of call the ledger makes on the store it wraps."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.calls: Counter[str] = Counter()
        self.location = inner.location

    def __getattr__(self, name):
        method = getattr(self.inner, name)

        def counted(*args):
            self.calls[name] += 1
            return method(*args)

        return counted


class KilledStore(CountingStore):
    """The writer dies after `after` store calls: every later call raises."""

    def __init__(self, inner, after: int) -> None:
        super().__init__(inner)
        self.after = after

    def __getattr__(self, name):
        method = super().__getattr__(name)

        def dying(*args):
            if sum(self.calls.values()) >= self.after:
                raise ConnectionError("killed")
            return method(*args)

        return dying


def problems(store):
    return [(p.kind, p.seq) for p in verify(store).problems]


@pytest.fixture
def local(tmp_path):
    ledger = Ledger(LocalStore(tmp_path))
    records = [ledger.append(entry(i)) for i in range(5)]
    return tmp_path, ledger, records


def _record_path(root, record):
    return root / "chain" / record["stream"] / f"{record['seq']:012d}.json"


def _rewrite(path, content: str) -> None:
    os.chmod(path, 0o644)
    path.write_text(content)


def test_records_chain_and_verify(local):
    root, ledger, records = local
    assert [r["seq"] for r in records] == [1, 2, 3, 4, 5]
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(records, records[1:], strict=False))
    report = verify(LocalStore(root))
    assert report.ok and report.records == 5 and report.streams == 1
    assert json.loads(_record_path(root, records[0]).read_bytes()) == records[0]  # the chain entry is the record
    assert list(ledger.records()) == records and ledger.streams() == [STREAM]


def test_edited_record_is_named(local):
    root, _, records = local
    path = _record_path(root, records[2])
    _rewrite(path, json.dumps(json.loads(path.read_text()) | {"outcome": "REMEDIATED"}))
    report = verify(LocalStore(root))
    assert [(p.kind, p.seq, p.record) for p in report.problems] == [("edited", 3, records[2]["id"])]


def test_deleted_record_is_named_once(local):
    root, _, records = local
    _record_path(root, records[1]).unlink()
    assert problems(LocalStore(root)) == [("deleted", 2)]


def test_inserted_record_is_named(local):
    root, _, records = local
    forged = dict(records[1], id="00000000-0000-4000-8000-000000000000", outcome="SKIPPED")
    target = _record_path(root, records[1]).with_name("000000000002-forged.json")
    target.write_text(json.dumps(forged))
    report = verify(LocalStore(root))
    assert [(p.kind, p.record) for p in report.problems] == [("inserted", str(target.relative_to(root)))]


def test_reordered_records_are_named(local):
    root, _, records = local
    first, second = _record_path(root, records[1]), _record_path(root, records[2])
    a, b = first.read_text(), second.read_text()
    _rewrite(first, b)
    _rewrite(second, a)
    assert set(problems(LocalStore(root))) == {("reordered", 2), ("reordered", 3)}


def test_records_are_never_overwritten(local):
    root, _, records = local
    assert not LocalStore(root).create(str(_record_path(root, records[0]).relative_to(root)), b"{}")


def test_tail_truncation_after_a_digest_is_caught_and_the_window_before_it_is_documented(local):
    root, ledger, records = local
    store = LocalStore(root)
    _record_path(root, records[4]).unlink()
    assert verify(store).ok  # the documented window: a tail no digest covers can go unnoticed
    ledger = Ledger(store)
    tail = [ledger.append(entry(i)) for i in range(3)]  # a cold writer continues at #5
    assert [r["seq"] for r in tail] == [5, 6, 7]
    assert [d["seq"] for d in ledger.write_digest()] == [7]
    assert verify(store).ok and verify(store).digests == 1
    for record in tail[1:]:
        _record_path(root, record).unlink()
    assert [(p.kind, p.seq) for p in verify(store).problems] == [("truncated", 6)]
    assert "records 6..7 are gone" in str(verify(store).problems[0])


def test_a_whole_stream_deleted_after_its_digest_is_truncation(local):
    root, ledger, records = local
    ledger.write_digest()
    for record in records:
        _record_path(root, record).unlink()
    assert problems(LocalStore(root)) == [("truncated", 1)]


def test_a_digest_that_does_not_match_its_record_is_named(local):
    root, ledger, records = local
    ledger.write_digest()
    forged = dict(records[4], detail="rewritten")
    forged["hash"] = record_hash(forged)
    _rewrite(_record_path(root, records[4]), canonical(forged).decode())
    assert problems(LocalStore(root)) == [("edited", 5)]


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
    assert list(Ledger(LocalStore(tmp_path)).records()) == []


# -- canonical JSON --------------------------------------------------------------------------------


def test_canonical_json_is_rfc_8785():
    # RFC 8785 §3.2.3: keys sorted by UTF-16 code units, numbers in their shortest ECMAScript form.
    assert canonical({"b": 1.0, "a": [None, True, 1e21], "\ufb01": "x", "\U0001f600": "y"}) == (
        '{"a":[null,true,1e+21],"b":1,"\U0001f600":"y","\ufb01":"x"}'.encode()
    )


@pytest.mark.parametrize(
    "value, expected",
    [
        ("bucket-\ud800", "bucket-\ufffd"),  # a lone surrogate from malformed input
        ("\udfff\ud83d\ude00", "\ufffd\U0001f600"),  # a split pair joins, the lone half is replaced
        (2**64, str(2**64)),  # beyond a double's exact integers
        (float("nan"), "nan"),
        (("a", 1), ["a", 1]),
    ],
)
def test_canonical_json_never_fails(value, expected):
    encoded = canonical({"value": value})
    assert json.loads(encoded) == {"value": expected}
    assert canonical(json.loads(encoded)) == encoded  # cleaning is idempotent: stored records re-hash the same


def test_a_record_with_a_lone_surrogate_is_appended_and_verifies(tmp_path):
    ledger = Ledger(LocalStore(tmp_path))
    record = ledger.append(entry(resource_id="sg-\udc80", plan_id="p-\ud800", mode="approve", outcome="PLANNED"))
    assert record["resource_id"] == "sg-\ufffd"
    assert verify(LocalStore(tmp_path)).ok
    assert [r["id"] for r in ledger.lookup("plan_id", "p-\ud800")] == [record["id"]]


# -- lookups ---------------------------------------------------------------------------------------


def test_lookup_by_each_indexed_field(tmp_path):
    ledger = Ledger(LocalStore(tmp_path))
    detected = ledger.append(entry(finding_id="f/1 x"))
    pending = ledger.append(entry(finding_id="f/1 x", plan_id="p/1 x", mode="approve", outcome="PENDING_APPROVAL"))
    intent = ledger.append(entry(finding_id="f/1 x", plan_id="p/1 x", mode="approve", outcome="INTENT"))
    remediated = ledger.append(entry(finding_id="f/1 x", plan_id="p/1 x", mode="approve", outcome="REMEDIATED"))
    rolled = ledger.append(entry(plan_id="p/1 x", rolls_back=remediated["id"], outcome="ROLLED_BACK"))
    ledger.append(entry(finding_id="f-2", plan_id="p2", outcome="INTENT"))  # auto mode: not indexed by plan
    fresh = Ledger(LocalStore(tmp_path))
    assert fresh.lookup("id", detected["id"]) == [detected]
    assert fresh.lookup("id", detected["id"].upper()) == [detected]
    # by plan, only the records made in approve mode: a stored plan and what settled it
    assert [r["id"] for r in fresh.lookup("plan_id", "p/1 x")] == [pending["id"], intent["id"], remediated["id"]]
    assert fresh.lookup("plan_id", "p2") == []
    assert [r["id"] for r in fresh.lookup("rolls_back", remediated["id"])] == [rolled["id"]]
    assert fresh.find(rolled["id"]) == rolled
    with pytest.raises(LedgerError, match="no audit record"):
        fresh.find("00000000-0000-4000-8000-000000000000")
    with pytest.raises(LedgerError, match="no audit record"):
        fresh.find("not-a-uuid")
    for unindexed in ("finding_id", "resource_arn"):
        with pytest.raises(LedgerError, match=f"indexed by id, plan_id, rolls_back, not {unindexed}"):
            fresh.lookup(unindexed, "f/1 x")


def test_find_reads_only_the_record_it_names():
    store = CountingStore(MemoryStore())
    ledger = Ledger(store)
    records = [ledger.append(entry(i)) for i in range(50)]
    store.calls.clear()
    assert ledger.find(records[20]["id"]) == records[20]
    assert store.calls == Counter(list=1, read=1)


def test_plans_are_listed(tmp_path):
    ledger = Ledger(LocalStore(tmp_path))
    ledger.save_plan({"plan_id": "p1", "rule_id": "r"})
    ledger.save_plan({"plan_id": "p2", "rule_id": "r"})
    assert sorted(p["plan_id"] for p in ledger.plans()) == ["p1", "p2"]
    with pytest.raises(LedgerError, match="already stored"):
        ledger.save_plan({"plan_id": "p1"})


# -- cost and faults -------------------------------------------------------------------------------


def _filled(size: int) -> MemoryStore:
    """A stream of `size` records as a writer leaves it: chain, hint. Only the head's content matters to
    an append (a writer that read or listed older records would show it in the counts), so the rest share
    one body and the ledger costs nothing to build."""
    store = MemoryStore()
    filler = b"{}"
    for seq in range(1, size):
        store.objects[f"chain/{STREAM}/{seq:012d}.json"] = filler
    head = {"schema": "warden.audit/v1", "stream": STREAM, "seq": size, "hash": "1" * 64}
    store.objects[f"chain/{STREAM}/{size:012d}.json"] = canonical(head)
    store.objects[f"heads/{STREAM}.json"] = canonical({"stream": STREAM, "seq": size, "block": size})
    return store


def _append_costs(size: int) -> dict[str, Counter[str]]:
    inner = _filled(size)
    store = CountingStore(inner)
    ledger = Ledger(store)
    costs = {}
    for phase in ("cold", "warm"):
        store.calls.clear()
        assert ledger.append(entry(plan_id="p1"))["seq"] > size
        costs[phase] = Counter(store.calls)
    Ledger(inner).append(entry())  # another writer takes the next number
    store.calls.clear()
    assert ledger.append(entry())["seq"] == size + 4
    costs["lost race"] = Counter(store.calls)
    return costs


def test_append_cost_does_not_grow_with_the_ledger():
    small, large = _append_costs(10**3), _append_costs(10**5)
    assert small == large
    assert small["warm"] == Counter(create=2)  # the id index entry and the block (an auto plan is not indexed)
    assert small["cold"] == Counter(create=2, read=2, list=1)  # the hint, blocks after it, the head block
    assert small["lost race"] == Counter(create=4, read=1)  # the block that took the number is read


def test_the_head_hint_is_written_with_the_digest_and_keeps_a_cold_writer_close():
    store = MemoryStore()
    writer = Ledger(store)
    for i in range(3):
        writer.append(entry(i))
    assert f"heads/{STREAM}.json" not in store.objects  # not per append
    writer.write_digest()
    assert json.loads(store.objects[f"heads/{STREAM}.json"]) == {"stream": STREAM, "seq": 3, "block": 3}
    counting = CountingStore(store)
    assert Ledger(counting).append(entry())["seq"] == 4
    assert counting.calls == Counter(read=2, list=1, create=2)  # the hint, blocks after it, the head block


def test_the_hint_is_rewritten_only_once_the_head_has_moved_far_past_it(monkeypatch):
    import warden.ledger

    monkeypatch.setattr(warden.ledger, "HINT_EVERY", 5)
    store = MemoryStore()
    writer = Ledger(store)
    hints = []
    for i in range(12):
        writer.append(entry(i))
        writer.write_digest()  # after every batch, as the worker does
        hints.append(json.loads(store.objects[f"heads/{STREAM}.json"])["block"])
    assert hints == [1, 1, 1, 1, 1, 6, 6, 6, 6, 6, 11, 11]
    counting = CountingStore(store)
    assert Ledger(counting).append(entry())["seq"] == 13  # from a hint 2 behind: still one listing
    assert counting.calls == Counter(read=2, list=1, create=2)


def test_a_stale_or_forged_hint_is_checked_against_the_chain():
    store = MemoryStore()
    writer = Ledger(store)
    for i in range(6):
        writer.append(entry(i))
    store.put(f"heads/{STREAM}.json", canonical({"seq": 2}))  # behind: probed forward
    assert Ledger(store).append(entry())["seq"] == 7
    store.put(f"heads/{STREAM}.json", canonical({"seq": 900}))  # ahead: bisected
    assert Ledger(store).append(entry())["seq"] == 8
    store.put(f"heads/{STREAM}.json", b"garbage")
    assert Ledger(store).append(entry())["seq"] == 9
    assert verify(store).ok


def test_a_write_whose_answer_was_lost_is_not_written_twice():
    class LostAnswer(MemoryStore):
        lost = False

        def create(self, key, body):
            created = super().create(key, body)
            if key.startswith("chain/") and not self.lost:
                self.lost = True
                raise ConnectionError("the answer was lost")  # the put happened; the client retries
            return created

    store = LostAnswer()
    ledger = Ledger(store)
    with pytest.raises(ConnectionError):
        ledger.append(entry(1))
    again = ledger.append(entry(2))
    assert again["seq"] == 2 and verify(store).ok


def test_a_writer_killed_between_any_two_of_its_writes_leaves_a_ledger_that_verifies():
    probe = CountingStore(MemoryStore())
    Ledger(probe).append(entry(plan_id="p", mode="approve", outcome="REMEDIATED"))
    calls_of_one_append = sum(probe.calls.values())
    for after in range(calls_of_one_append):
        store = MemoryStore()
        for i in range(3):
            Ledger(store).append(entry(i, plan_id=f"p{i}", mode="approve", outcome="PENDING_APPROVAL"))
        with contextlib.suppress(ConnectionError):
            Ledger(KilledStore(store, after)).append(entry(9, plan_id="p", mode="approve", outcome="REMEDIATED"))
        assert verify(store).ok, (after, problems(store))
        survivor = Ledger(store)  # the next writer carries on from whatever was written
        last = survivor.append(entry(10, plan_id="p", mode="approve", outcome="REMEDIATED"))
        assert last["seq"] in (4, 5) and verify(store).ok
        everything = list(range(1, last["seq"] + 1))
        assert [r["seq"] for r in survivor.records()] == everything
        assert [r["seq"] for r in survivor.lookup("plan_id", "p")] == ([4, 5] if last["seq"] == 5 else [4])
        assert survivor.find(last["id"]) == last


# -- S3 --------------------------------------------------------------------------------------------


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
    records = [
        ledger.append(entry(i, plan_id=f"p{i % 2}", mode="approve", outcome="PENDING_APPROVAL")) for i in range(3)
    ]
    keys = list(store.list("chain/"))
    assert keys == [f"chain/{STREAM}/{seq:012d}.json" for seq in (1, 2, 3)]
    head = s3.head_object(Bucket="warden-audit", Key=f"warden-audit/{keys[0]}")
    assert head["ObjectLockMode"] == "GOVERNANCE" and head["ObjectLockRetainUntilDate"]
    assert not store.create(keys[0], b"{}")
    with pytest.raises(Exception, match="AccessDenied"):
        s3.delete_object(Bucket="warden-audit", Key=f"warden-audit/{keys[0]}", VersionId=head["VersionId"])
    assert verify(store).ok
    fresh = Ledger(S3Store(s3, "warden-audit"))
    assert fresh.append(entry(9))["seq"] == 4  # a new writer finds the head
    assert [r["id"] for r in ledger.records()][:3] == [r["id"] for r in records]
    assert [r["id"] for r in fresh.lookup("plan_id", "p0")] == [records[0]["id"], records[2]["id"]]
    assert fresh.find(records[1]["id"]) == records[1]
    assert fresh.streams() == [STREAM]


class AtomicS3Store(S3Store):
    """moto checks `IfNoneMatch` and then writes, so two racing puts can both pass; S3 is atomic."""

    _moto_lock = threading.Lock()

    def create(self, key, body):
        with self._moto_lock:
            return super().create(key, body)


def test_s3_store_concurrent_writers(aws):
    s3 = aws.client("s3")
    s3.create_bucket(Bucket="plain-audit")
    _write_concurrently([Ledger(AtomicS3Store(s3, "plain-audit")) for _ in range(3)], 8)
    report = verify(S3Store(s3, "plain-audit"))
    assert report.ok and report.records == 24


def test_s3_tail_truncation_after_a_digest_is_caught(aws):
    s3 = aws.client("s3")
    s3.create_bucket(Bucket="plain-audit")
    ledger = Ledger(S3Store(s3, "plain-audit"))
    for i in range(4):
        ledger.append(entry(i))
    ledger.write_digest()
    s3.delete_object(Bucket="plain-audit", Key=f"warden-audit/chain/{STREAM}/000000000004.json")
    report = verify(S3Store(s3, "plain-audit"))
    assert [(p.kind, p.seq) for p in report.problems] == [("truncated", 4)]


# -- blocks ----------------------------------------------------------------------------------------

OTHER = stream_name("123456789012", "eu-west-1")


def _block_path(root, stream, first):
    return root / "chain" / stream / f"{first:012d}.json"


@pytest.fixture
def blocks(tmp_path):
    """Blocks #1..5, #6..8 and #9 of one stream, in a directory."""
    ledger = Ledger(LocalStore(tmp_path))
    records = []
    for size in (5, 3, 1):
        with ledger.buffered():
            records += [ledger.append(entry(len(records) + i)) for i in range(size)]
    return tmp_path, ledger, records


def _lines(path):
    return path.read_bytes().split(b"\n")


def _rewrite_lines(path, lines):
    os.chmod(path, 0o644)
    path.write_bytes(b"\n".join(lines))


def test_a_buffered_block_is_one_object_of_consecutive_records(blocks):
    root, ledger, records = blocks
    assert sorted(p.name for p in (root / "chain" / STREAM).iterdir()) == [
        "000000000001.json",
        "000000000006.json",
        "000000000009.json",
    ]
    assert _block_path(root, STREAM, 1).read_bytes() == b"\n".join(canonical(r) for r in records[:5])
    assert _block_path(root, STREAM, 9).read_bytes() == canonical(records[8])  # a block of one is the record
    assert [r["seq"] for r in records] == list(range(1, 10))
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(records, records[1:], strict=False))
    assert list(Ledger(LocalStore(root)).records()) == records
    report = verify(LocalStore(root))
    assert report.ok and report.records == 9


def test_record_ids_are_uuids_that_name_their_block_and_are_known_before_the_write(tmp_path):
    store = MemoryStore()
    ledger = Ledger(store)
    with ledger.buffered():
        held = [ledger.append(entry(i)) for i in range(3)]
        assert store.objects == {} and all("seq" not in r for r in held)
        ids = [r["id"] for r in held]
    assert [r["id"] for r in held] == ids and [r["seq"] for r in held] == [1, 2, 3]
    parsed = [uuid.UUID(i) for i in ids]
    assert {u.version for u in parsed} == {4} and len({u.hex[:28] for u in parsed}) == 1
    assert [u.hex[28:] for u in parsed] == ["0000", "0001", "0002"]
    assert [k for k in store.objects if k.startswith("index/")] == [f"index/id/{parsed[0].hex[:28]}/{STREAM}-{1:012d}"]
    cold = CountingStore(store)
    assert Ledger(cold).find(ids[1]) == held[1]
    assert cold.calls == Counter(list=1, read=1)


def test_a_buffered_batch_over_two_streams_costs_two_writes_per_stream_on_s3(aws):
    s3 = aws.client("s3")
    s3.create_bucket(Bucket="audit")
    calls: Counter[str] = Counter()
    s3.meta.events.register("before-call.s3", lambda model, **_: calls.update([model.name]))
    ledger = Ledger(S3Store(s3, "audit"))
    ledger.append(entry(0))
    ledger.append(entry(0, region="eu-west-1"))  # both streams warm: their heads are known
    ledger.write_digest()
    keys_before = set(S3Store(s3, "audit").list(""))
    calls.clear()
    with ledger.buffered():
        records = [ledger.append(entry(i, region=("us-east-1", "eu-west-1")[i % 2])) for i in range(30)]
        assert calls == Counter()
    assert calls == Counter(PutObject=4)  # per stream: the id index entry and the block
    new_keys = sorted(set(S3Store(s3, "audit").list("")) - keys_before)
    assert [k.split("/")[0] for k in new_keys] == ["chain", "chain", "index", "index"]
    assert [r["seq"] for r in records if r["stream"] == STREAM] == list(range(2, 17))
    assert [r["seq"] for r in records if r["stream"] == OTHER] == list(range(2, 17))
    cold = Ledger(S3Store(s3, "audit"))
    assert [cold.find(r["id"]) for r in records] == records
    assert verify(S3Store(s3, "audit")).ok


def _s3_calls_for_a_block_of_ten(aws, warm: bool) -> Counter[str]:
    s3 = aws.client("s3")
    bucket = "warm-audit" if warm else "cold-audit"
    s3.create_bucket(Bucket=bucket)
    writer = Ledger(S3Store(s3, bucket))
    for i in range(3):
        with writer.buffered():
            for j in range(4):
                writer.append(entry(4 * i + j))
    writer.write_digest()
    ledger = writer if warm else Ledger(S3Store(s3, bucket))
    calls: Counter[str] = Counter()
    s3.meta.events.register("before-call.s3", lambda model, **_: calls.update([model.name]))
    with ledger.buffered():
        for i in range(10):
            ledger.append(entry(i))
    counted = Counter(calls)
    assert [r["seq"] for r in ledger.records_after(STREAM, 12)] == list(range(13, 23))
    return counted


def test_a_block_of_ten_costs_two_calls_warm_and_five_cold(aws):
    assert _s3_calls_for_a_block_of_ten(aws, warm=True) == Counter(PutObject=2)
    # cold: the hint, the blocks after the hinted one, the head block; then the two writes
    assert _s3_calls_for_a_block_of_ten(aws, warm=False) == Counter(GetObject=2, ListObjectsV2=1, PutObject=2)


def test_a_writer_that_lost_the_race_rechains_its_block_after_the_winners(tmp_path):
    store = MemoryStore()
    slow, fast = Ledger(store), Ledger(store)
    slow.append(entry(0))  # slow knows the head: #1
    with fast.buffered():
        won = [fast.append(entry(i)) for i in range(4)]
    with slow.buffered():
        lost = [slow.append(entry(i)) for i in range(3)]
        ids = [r["id"] for r in lost]
    assert [r["seq"] for r in won] == [2, 3, 4, 5]
    assert [r["seq"] for r in lost] == [6, 7, 8] and [r["id"] for r in lost] == ids  # same ids, new links
    assert lost[0]["prev_hash"] == won[-1]["hash"]
    assert verify(store).ok
    nonce = uuid.UUID(ids[0]).hex[:28]
    # the entry of the attempt that lost points at the winner's block: lookups filter it out
    assert sorted(k for k in store.objects if k.startswith(f"index/id/{nonce}/")) == [
        f"index/id/{nonce}/{STREAM}-{2:012d}",
        f"index/id/{nonce}/{STREAM}-{6:012d}",
    ]
    assert [Ledger(store).find(i) for i in ids] == lost


def test_concurrent_buffered_writers_leave_one_consecutive_chain():
    store = MemoryStore()
    errors = []

    def write(ledger):
        try:
            for n in range(8):
                with ledger.buffered():
                    for i in range(n % 3 + 1):
                        ledger.append(entry(i))
        except Exception as exc:  # surfaced below: a dead writer must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(Ledger(store),)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    report = verify(store)
    assert report.ok, [str(p) for p in report.problems]
    assert [r["seq"] for r in Ledger(store).records()] == list(range(1, report.records + 1))
    assert report.records == 4 * (1 + 2 + 3 + 1 + 2 + 3 + 1 + 2)


def test_a_block_whose_write_answer_was_lost_is_recognised_as_ours():
    class RefusedRetry(MemoryStore):
        """As S3Store answers when its put happened but the answer was lost: the retry is refused."""

        refused = False

        def create(self, key, body):
            created = super().create(key, body)
            if key.startswith("chain/") and created and not self.refused:
                self.refused = True
                return False
            return created

    store = RefusedRetry()
    ledger = Ledger(store)
    with ledger.buffered():
        records = [ledger.append(entry(i)) for i in range(3)]
    assert [r["seq"] for r in records] == [1, 2, 3] and list(ledger.records()) == records
    assert ledger.append(entry(4))["seq"] == 4 and verify(store).ok


def test_a_bad_entry_stops_the_whole_buffered_batch(tmp_path):
    ledger = Ledger(LocalStore(tmp_path))
    with pytest.raises(Exception, match="outcome|enum"), ledger.buffered():
        ledger.append(entry(1))
        ledger.append(entry(2, region="eu-west-1"))
        ledger.append(entry(3, outcome="MAYBE"))
    assert list(Ledger(LocalStore(tmp_path)).records()) == []


def test_a_block_holds_as_many_records_as_its_ids_can_number():
    ledger = Ledger(MemoryStore())
    with pytest.raises(LedgerError, match="at most 65536 records"), ledger.buffered():
        for _ in range(65537):
            ledger.append(entry())
    assert list(ledger.records()) == []


@pytest.mark.parametrize(
    "after, expected",
    [(0, range(1, 10)), (3, range(4, 10)), (5, range(6, 10)), (7, range(8, 10)), (8, [9]), (9, [])],
)
def test_records_after_a_number_inside_a_block(blocks, after, expected):
    root, _, _ = blocks
    assert [r["seq"] for r in Ledger(LocalStore(root)).records_after(STREAM, after)] == list(expected)


def test_records_after_reaches_back_to_the_start_of_a_large_block():
    ledger = Ledger(MemoryStore())
    with ledger.buffered():
        for i in range(100):
            ledger.append(entry(i))
    ledger.append(entry(100))
    assert [r["seq"] for r in ledger.records_after(STREAM, 90)] == list(range(91, 102))


def test_a_cold_writer_finds_the_head_block_without_a_hint_and_past_a_stale_or_forged_one(blocks):
    root, _, _ = blocks
    store = LocalStore(root)
    hint = root / "heads" / f"{STREAM}.json"
    assert not hint.exists()  # no digest was written: no hint
    counting = CountingStore(store)
    assert Ledger(counting).append(entry())["seq"] == 10
    assert counting.calls == Counter(read=2, list=1, create=2)  # the hint (missing), the listing, the head block
    for stale in ({"seq": 5, "block": 1}, {"seq": 3, "block": 3}, {"seq": 900, "block": 900}, {"seq": 9}, "x"):
        store.put(f"heads/{STREAM}.json", canonical({"stream": STREAM} | stale if isinstance(stale, dict) else {}))
        appended = Ledger(store).append(entry())
        assert appended["prev_hash"] == list(Ledger(store).records())[-2]["hash"]
    assert appended["seq"] == 15 and verify(store).ok


# -- tampering inside blocks -----------------------------------------------------------------------


def test_an_edited_line_is_named(blocks):
    root, _, records = blocks
    path = _block_path(root, STREAM, 1)
    lines = _lines(path)
    lines[2] = canonical(json.loads(lines[2]) | {"outcome": "REMEDIATED"})
    _rewrite_lines(path, lines)
    report = verify(LocalStore(root))
    assert [(p.kind, p.seq, p.record) for p in report.problems] == [("edited", 3, records[2]["id"])]


def test_a_line_that_is_not_a_record_is_named(blocks):
    root, _, _ = blocks
    path = _block_path(root, STREAM, 6)
    lines = _lines(path)
    lines[1] = b"garbage"
    _rewrite_lines(path, lines)
    assert problems(LocalStore(root)) == [("edited", 7)]
    _rewrite_lines(_block_path(root, STREAM, 9), [b"garbage"])
    with pytest.raises(LedgerError, match="000000000009.json is not a block of records"):
        Ledger(LocalStore(root)).append(entry())  # the head is never guessed past a damaged block


@pytest.mark.parametrize("first, line, seq", [(1, 2, 3), (6, 0, 6), (1, 4, 5)])
def test_a_deleted_line_is_named(blocks, first, line, seq):
    root, _, _ = blocks
    path = _block_path(root, STREAM, first)
    lines = _lines(path)
    del lines[line]
    _rewrite_lines(path, lines)
    assert problems(LocalStore(root)) == [("deleted", seq)]


def test_swapped_lines_are_named(blocks):
    root, _, _ = blocks
    path = _block_path(root, STREAM, 1)
    lines = _lines(path)
    lines[1], lines[2] = lines[2], lines[1]
    _rewrite_lines(path, lines)
    assert set(problems(LocalStore(root))) == {("reordered", 2), ("reordered", 3)}


def test_a_deleted_block_is_named(blocks):
    root, _, _ = blocks
    _block_path(root, STREAM, 6).unlink()
    report = verify(LocalStore(root))
    assert [(p.kind, p.seq) for p in report.problems] == [("deleted", 6)]
    assert "records 6..8 are missing" in str(report.problems[0])


def test_a_block_whose_key_is_not_its_first_record_is_named(blocks):
    root, _, _ = blocks
    os.rename(_block_path(root, STREAM, 6), _block_path(root, STREAM, 7))
    assert problems(LocalStore(root)) == [("reordered", 7)]


def test_a_digest_is_checked_against_its_record_inside_a_block(blocks):
    root, ledger, records = blocks
    ledger.write_digest()  # anchors #9
    with ledger.buffered():
        ledger.append(entry(10))
        ledger.append(entry(11))
    assert verify(LocalStore(root)).ok
    path = _block_path(root, STREAM, 6)
    lines = _lines(path)
    forged = json.loads(lines[2]) | {"detail": "rewritten"}  # #8, re-hashed
    forged["hash"] = record_hash(forged)
    lines[2] = canonical(forged)
    _rewrite_lines(path, lines)
    ledger.write_digest()  # anchors #11, inside the block #10..11
    assert set(problems(LocalStore(root))) == {("reordered", 9)}  # #9 no longer follows #8
    _block_path(root, STREAM, 10).unlink()
    assert set(problems(LocalStore(root))) == {("reordered", 9), ("truncated", 10)}
