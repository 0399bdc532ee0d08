"""Warden's append-only, tamper-evident audit ledger, in a local directory or an S3 bucket.

Each stream (one per account and region) is a SHA-256 hash chain. A writer first *claims* the next
sequence number with a create-only write (`IfNoneMatch: *` on S3, `O_EXCL` on disk): a lost race
means someone else appended, so it re-reads the head and tries the next number. Only the winner then
writes the record, at a date-partitioned key. Nothing is ever overwritten; with S3 Object Lock each
object also carries the bucket's default retention.

    chain/<stream>/<seq>.json                                claim: record id, key and hash
    records/<yyyy>/<mm>/<dd>/<stream>/<seq>-<id>.json        the record
    plans/<plan id>.json                                     plans awaiting approval
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

import botocore.exceptions

from warden import schemas
from warden.aws import error_code
from warden.model import WardenError

SCHEMA_ID = "warden.audit/v1"
GENESIS = "0" * 64
MAX_APPEND_ATTEMPTS = 100


class Outcome(StrEnum):
    DETECTED = "DETECTED"
    INTENT = "INTENT"  # written before a change is applied: the change may have happened
    PLANNED = "PLANNED"
    PENDING_APPROVAL = "PENDING_APPROVAL"
    APPROVED = "APPROVED"
    REMEDIATED = "REMEDIATED"
    FAILED = "FAILED"
    SKIPPED = "SKIPPED"
    EXEMPT = "EXEMPT"
    CAPPED = "CAPPED"
    NOTIFIED = "NOTIFIED"
    ROLLED_BACK = "ROLLED_BACK"
    DUPLICATE = "DUPLICATE"
    REJECTED = "REJECTED"


class LedgerError(WardenError):
    pass


def canonical(record: Mapping[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def record_hash(record: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical({k: v for k, v in record.items() if k != "hash"})).hexdigest()


def stream_name(account_id: str, region: str) -> str:
    return f"{account_id or 'unknown'}-{region or 'global'}"


class Store(Protocol):
    """Create-only object storage."""

    def create(self, key: str, body: bytes) -> bool:
        """Write `key` unless it exists; False when it already does."""
        ...

    def read(self, key: str) -> bytes | None: ...

    def list(self, prefix: str) -> list[str]: ...

    @property
    def location(self) -> str: ...


class LocalStore:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    @property
    def location(self) -> str:
        return str(self.root)

    def create(self, key: str, body: bytes) -> bool:
        # Written aside, then hard-linked into place: the name appears with its content or not at all,
        # and link() refuses an existing name, so two writers cannot both win.
        path = self.root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        staging.write_bytes(body)
        staging.chmod(0o444)
        try:
            os.link(staging, path)
        except FileExistsError:
            return False
        finally:
            staging.unlink()
        return True

    def read(self, key: str) -> bytes | None:
        try:
            return (self.root / key).read_bytes()
        except FileNotFoundError:
            return None

    def list(self, prefix: str) -> list[str]:
        base = self.root / prefix
        if not base.exists():
            return []
        return sorted(
            str(p.relative_to(self.root)) for p in base.rglob("*") if p.is_file() and not p.name.startswith(".")
        )


class S3Store:
    """Objects in S3, written create-only; under Object Lock each carries the bucket's default retention."""

    def __init__(self, client: Any, bucket: str, prefix: str = "warden-audit") -> None:
        self._s3 = client
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self._retention = self._default_retention()

    @property
    def location(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"

    def _default_retention(self) -> tuple[str, dt.timedelta] | None:
        try:
            config = self._s3.get_object_lock_configuration(Bucket=self.bucket)["ObjectLockConfiguration"]
        except botocore.exceptions.ClientError as exc:
            if error_code(exc) == "ObjectLockConfigurationNotFoundError":
                return None
            raise
        rule = (config.get("Rule") or {}).get("DefaultRetention")
        if config.get("ObjectLockEnabled") != "Enabled" or not rule:
            return None
        days = int(rule.get("Days") or 0) + 365 * int(rule.get("Years") or 0)
        return str(rule["Mode"]), dt.timedelta(days=days)

    def create(self, key: str, body: bytes) -> bool:
        kwargs: dict[str, Any] = {
            "Bucket": self.bucket,
            "Key": f"{self.prefix}/{key}",
            "Body": body,
            "IfNoneMatch": "*",
            "ContentType": "application/json",
        }
        if self._retention:
            mode, period = self._retention
            kwargs["ObjectLockMode"] = mode
            kwargs["ObjectLockRetainUntilDate"] = dt.datetime.now(dt.UTC) + period
        try:
            self._s3.put_object(**kwargs)
        except botocore.exceptions.ClientError as exc:
            if error_code(exc) in ("PreconditionFailed", "ConditionalRequestConflict"):
                return False
            raise
        return True

    def read(self, key: str) -> bytes | None:
        try:
            return bytes(self._s3.get_object(Bucket=self.bucket, Key=f"{self.prefix}/{key}")["Body"].read())
        except botocore.exceptions.ClientError as exc:
            if error_code(exc) in ("NoSuchKey", "404"):
                return None
            raise

    def list(self, prefix: str) -> list[str]:
        keys: list[str] = []
        paginator = self._s3.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=f"{self.prefix}/{prefix}"):
            keys.extend(o["Key"][len(self.prefix) + 1 :] for o in page.get("Contents", []))
        return sorted(keys)


@dataclass
class _Head:
    seq: int = 0
    hash: str = GENESIS


@dataclass
class Ledger:
    store: Store
    _heads: dict[str, _Head] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def append(self, entry: Mapping[str, Any]) -> dict[str, Any]:
        """Chain and write one record; returns it with id, time, sequence and hashes."""
        stream = stream_name(entry.get("account", ""), entry.get("region", ""))
        with self._lock:
            head = self._heads.get(stream) or self._read_head(stream)
            for _ in range(MAX_APPEND_ATTEMPTS):
                now = dt.datetime.now(dt.UTC)
                record = {
                    "schema": SCHEMA_ID,
                    "id": str(uuid.uuid4()),
                    "time": now.isoformat(timespec="microseconds"),
                    **entry,
                    "stream": stream,
                    "seq": head.seq + 1,
                    "prev_hash": head.hash,
                }
                record["hash"] = record_hash(record)
                key = f"records/{now:%Y/%m/%d}/{stream}/{record['seq']:012d}-{record['id']}.json"
                claim = {"seq": record["seq"], "record_id": record["id"], "record_key": key, "hash": record["hash"]}
                if self.store.create(_claim_key(stream, record["seq"]), canonical(claim)):
                    break
                head = self._read_head(stream)  # another writer appended: continue from its record
            else:
                raise LedgerError(f"could not append to {stream} after {MAX_APPEND_ATTEMPTS} attempts")
            schemas.validate(record, "audit-record")
            if not self.store.create(key, canonical(record)):
                raise LedgerError(f"record key {key} already exists")
            self._heads[stream] = _Head(record["seq"], record["hash"])
        return record

    def _read_head(self, stream: str) -> _Head:
        claims = self.store.list(f"chain/{stream}/")
        if not claims:
            return _Head()
        body = self.store.read(claims[-1])
        if body is None:
            raise LedgerError(f"claim {claims[-1]} disappeared")
        claim = json.loads(body)
        return _Head(int(claim["seq"]), str(claim["hash"]))

    def streams(self) -> list[str]:
        return sorted({key.split("/")[1] for key in self.store.list("chain/")})

    def records(self, stream: str | None = None) -> Iterator[dict[str, Any]]:
        """Records in chain order (claims that lost their record are skipped; `verify` reports them)."""
        for name in [stream] if stream else self.streams():
            for claim_key in self.store.list(f"chain/{name}/"):
                claim = json.loads(self.store.read(claim_key) or b"{}")
                body = self.store.read(claim.get("record_key", ""))
                if body is not None:
                    yield json.loads(body)

    def find(self, record_id: str) -> dict[str, Any]:
        for record in self.records():
            if record["id"] == record_id:
                return record
        raise LedgerError(f"no audit record {record_id} in {self.store.location}")

    def save_plan(self, plan: Mapping[str, Any]) -> None:
        if not self.store.create(f"plans/{plan['plan_id']}.json", canonical(plan)):
            raise LedgerError(f"plan {plan['plan_id']} already stored")

    def load_plan(self, plan_id: str) -> dict[str, Any]:
        body = self.store.read(f"plans/{plan_id}.json")
        if body is None:
            raise LedgerError(f"no stored plan {plan_id} in {self.store.location}")
        return dict(json.loads(body))

    # linear scan; the indexed ledger replaces it
    def lookup(self, field: str, value: str) -> list[dict[str, Any]]:
        """The records whose `field` ("id", "plan_id", "finding_id" or "rolls_back") equals `value`."""
        return [record for record in self.records() if record.get(field) == value]

    # linear scan; the indexed ledger replaces it
    def plans(self) -> list[dict[str, Any]]:
        """Every stored plan, approved or not."""
        return [json.loads(self.store.read(key) or b"{}") for key in self.store.list("plans/")]


def _claim_key(stream: str, seq: int) -> str:
    return f"chain/{stream}/{seq:012d}.json"


@dataclass(frozen=True)
class Problem:
    kind: str  # edited, deleted, inserted, reordered, unreadable
    stream: str
    seq: int | None
    record: str
    message: str

    def __str__(self) -> str:
        where = f"{self.stream} #{self.seq}" if self.seq is not None else self.stream
        return f"{self.kind}: {where} {self.record}: {self.message}"


@dataclass
class Verification:
    records: int = 0
    streams: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(store: Store) -> Verification:
    """Recompute every chain; name each edited, deleted, inserted or reordered record."""
    report = Verification()
    claimed_keys: set[str] = set()
    streams = sorted({key.split("/")[1] for key in store.list("chain/")})
    report.streams = len(streams)
    for stream in streams:
        previous_hash, expected_seq = GENESIS, 1
        for claim_key in store.list(f"chain/{stream}/"):
            claim = json.loads(store.read(claim_key) or b"{}")
            seq = int(claim.get("seq", -1))
            if seq != expected_seq:
                report.problems.append(
                    Problem("deleted", stream, expected_seq, "-", f"records {expected_seq}..{seq - 1} are missing")
                )
            expected_seq = seq + 1
            key = claim.get("record_key", "")
            claimed_keys.add(key)
            body = store.read(key)
            if body is None:
                report.problems.append(Problem("deleted", stream, seq, claim.get("record_id", "-"), f"{key} is gone"))
                previous_hash = claim.get("hash", GENESIS)
                continue
            report.records += 1
            try:
                record = json.loads(body)
            except ValueError:
                report.problems.append(Problem("edited", stream, seq, key, "record is not JSON"))
                previous_hash = claim.get("hash", GENESIS)
                continue
            problem = _check(record, claim, seq, previous_hash, stream)
            if problem:
                report.problems.append(problem)
            previous_hash = claim.get("hash", GENESIS)
    for key in store.list("records/"):
        if key not in claimed_keys:
            report.problems.append(Problem("inserted", key.split("/")[4], None, key, "record is not in any chain"))
    return report


def _check(record: dict[str, Any], claim: dict[str, Any], seq: int, previous_hash: str, stream: str) -> Problem | None:
    record_id = str(record.get("id", "-"))
    if record.get("seq") != seq or record.get("id") != claim.get("record_id"):
        return Problem("reordered", stream, seq, record_id, f"holds record #{record.get('seq')}, not #{seq}")
    if record_hash(record) != record.get("hash") or record.get("hash") != claim.get("hash"):
        return Problem("edited", stream, seq, record_id, "content does not match its hash")
    if record.get("prev_hash") != previous_hash:
        return Problem("reordered", stream, seq, record_id, "does not follow the record before it")
    return None
