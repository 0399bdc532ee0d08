"""Warden's append-only, tamper-evident audit ledger, in a local directory or an S3 bucket.

Each stream (one per account and region) is a SHA-256 hash chain. An append is one create-only write
(`IfNoneMatch: *` on S3, a hard link on disk) of the record itself at its sequence key: it either
happens whole or not at all, so a failed or interrupted writer leaves nothing half-written. A lost race
means someone else took that number; the writer reads their record and tries the next one.

    chain/<stream>/<seq>.json               the record, written once
    index/<field>/<value>/<stream>-<seq>    create-only pointers for lookups by id, plan_id, finding_id,
                                            rolls_back (written before the record; checked against it)
    heads/<stream>.json                     a hint of the newest sequence number for a cold writer, written
                                            with each digest; overwritten, never trusted (checked against
                                            the chain)
    marks/<job>/<stream>.json               how far a periodic job (the sweep) has read; overwritten
    digests/<stream>/<seq>.json             anchored heads: the stream's count and head hash, create-only
    plans/<plan id>.json                    plans awaiting approval

An append costs the same whatever the ledger's size: the index writes and the record; a cold writer first
reads the hint and probes forward from it (at most one run or batch behind). Nothing is ever overwritten
except hints and marks; with S3 Object Lock each object also carries the bucket's default retention.

Digests anchor each stream's head the way CloudTrail's digest files do: written at the end of every CLI
run that appended and after every batch of the remediation worker. `verify` checks the chain against the
newest digest, so deleting records that a digest covers is reported as truncation. The window that
remains: records appended after the newest digest (at most one CLI run or one worker batch) can be
removed from the tail without a trace, unless Object Lock forbids deleting them.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import hashlib
import json
import logging
import math
import os
import threading
import urllib.parse
import uuid
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

import botocore.exceptions
import rfc8785

from warden import schemas
from warden.aws import AWS_ERRORS, Clients, error_code, with_retries
from warden.model import WardenError

log = logging.getLogger(__name__)

SCHEMA_ID = "warden.audit/v1"
DIGEST_SCHEMA_ID = "warden.audit-digest/v1"
GENESIS = "0" * 64
MAX_APPEND_ATTEMPTS = 100
INDEXED_FIELDS = ("id", "plan_id", "finding_id", "rolls_back")
READ_WORKERS = 16
READ_CHUNK = 256  # records held in memory at once while streaming a chain
SAFE_INTEGER = 2**53 - 1
# Tries of one S3 call on a transient error, on top of the SDK's own: a lost outcome record costs a redelivery.
STORE_ATTEMPTS = 5  # RFC 8785 numbers are IEEE doubles: larger integers are kept as strings


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


def _clean(value: Any) -> Any:
    """The value as JSON that RFC 8785 accepts: never fails, and cleaning twice changes nothing.

    Lone surrogates (from malformed input) become U+FFFD, integers beyond a double's exact range and
    non-finite floats become strings, anything else JSON cannot hold becomes its `str`.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        value = str(value)  # an enum member becomes its value
        if value.isascii():
            return value
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            # Through UTF-16, paired surrogates join into one character and lone ones are replaced.
            return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        return value
    if isinstance(value, int):
        return value if abs(value) <= SAFE_INTEGER else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Mapping):
        return {_clean(str(k)): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return _clean(str(value))


def canonical(record: Mapping[str, Any]) -> bytes:
    """RFC 8785 (JSON Canonicalization Scheme) bytes of the record, cleaned first so it cannot fail."""
    return bytes(rfc8785.dumps(_clean(record)))


def record_hash(record: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical({k: v for k, v in record.items() if k != "hash"})).hexdigest()


def stream_name(account_id: str, region: str) -> str:
    return f"{account_id or 'unknown'}-{region or 'global'}"


class Store(Protocol):
    """Create-only object storage (plus one overwritable kind of object: hints)."""

    def create(self, key: str, body: bytes) -> bool:
        """Write `key` unless it exists; False when it already does."""
        ...

    def put(self, key: str, body: bytes) -> None:
        """Write `key`, replacing it: only for hints that are checked before use."""
        ...

    def read(self, key: str) -> bytes | None: ...

    def list(self, prefix: str, start_after: str | None = None) -> Iterator[str]:
        """Keys under `prefix` (after `start_after`, when given), in order, fetched lazily."""
        ...

    def children(self, prefix: str) -> builtins.list[str]:
        """Names of the folders directly under `prefix`."""
        ...

    @property
    def location(self) -> str: ...


class LocalStore:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    @property
    def location(self) -> str:
        return str(self.root)

    def _staged(self, path: Path, body: bytes) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        staging.write_bytes(body)
        return staging

    def create(self, key: str, body: bytes) -> bool:
        # Written aside, then hard-linked into place: the name appears with its content or not at all,
        # and link() refuses an existing name, so two writers cannot both win.
        path = self.root / key
        staging = self._staged(path, body)
        staging.chmod(0o444)
        try:
            os.link(staging, path)
        except FileExistsError:
            return False
        finally:
            staging.unlink()
        return True

    def put(self, key: str, body: bytes) -> None:
        path = self.root / key
        os.replace(self._staged(path, body), path)

    def read(self, key: str) -> bytes | None:
        try:
            return (self.root / key).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None

    def list(self, prefix: str, start_after: str | None = None) -> Iterator[str]:
        base = self.root / prefix
        if not base.is_dir():
            return
        for path in sorted(base.iterdir()):
            if path.name.startswith("."):
                continue
            if path.is_dir():
                yield from self.list(str(path.relative_to(self.root)) + "/", start_after)
            elif start_after is None or str(path.relative_to(self.root)) > start_after:
                yield str(path.relative_to(self.root))

    def children(self, prefix: str) -> builtins.list[str]:
        base = self.root / prefix
        if not base.is_dir():
            return []
        return sorted(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))


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
            config = self._call("get_object_lock_configuration", Bucket=self.bucket)["ObjectLockConfiguration"]
        except botocore.exceptions.ClientError as exc:
            if error_code(exc) == "ObjectLockConfigurationNotFoundError":
                return None
            raise
        rule = (config.get("Rule") or {}).get("DefaultRetention")
        if config.get("ObjectLockEnabled") != "Enabled" or not rule:
            return None
        days = int(rule.get("Days") or 0) + 365 * int(rule.get("Years") or 0)
        return str(rule["Mode"]), dt.timedelta(days=days)

    def _call(self, operation: str, **kwargs: Any) -> Any:
        return with_retries(lambda: getattr(self._s3, operation)(**kwargs), STORE_ATTEMPTS)

    def _put_args(self, key: str, body: bytes) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "Bucket": self.bucket,
            "Key": f"{self.prefix}/{key}",
            "Body": body,
            "ContentType": "application/json",
        }
        if self._retention:
            mode, period = self._retention
            kwargs["ObjectLockMode"] = mode
            kwargs["ObjectLockRetainUntilDate"] = dt.datetime.now(dt.UTC) + period
        return kwargs

    def create(self, key: str, body: bytes) -> bool:
        try:
            # A retry after a lost answer is refused as existing: Ledger.append recognises its own record.
            self._call("put_object", **self._put_args(key, body), IfNoneMatch="*")
        except botocore.exceptions.ClientError as exc:
            if error_code(exc) in ("PreconditionFailed", "ConditionalRequestConflict"):
                return False
            raise
        return True

    def put(self, key: str, body: bytes) -> None:
        self._call("put_object", **self._put_args(key, body))

    def read(self, key: str) -> bytes | None:
        try:
            return bytes(self._call("get_object", Bucket=self.bucket, Key=f"{self.prefix}/{key}")["Body"].read())
        except botocore.exceptions.ClientError as exc:
            if error_code(exc) in ("NoSuchKey", "404"):
                return None
            raise

    def _pages(self, **kwargs: Any) -> Iterator[dict[str, Any]]:
        token: dict[str, str] = {}
        while True:
            page = self._call("list_objects_v2", Bucket=self.bucket, **kwargs, **token)
            yield page
            if not page.get("IsTruncated"):
                return
            token = {"ContinuationToken": page["NextContinuationToken"]}

    def list(self, prefix: str, start_after: str | None = None) -> Iterator[str]:
        after = {"StartAfter": f"{self.prefix}/{start_after}"} if start_after else {}
        for page in self._pages(Prefix=f"{self.prefix}/{prefix}", **after):
            for item in page.get("Contents", []):
                yield item["Key"][len(self.prefix) + 1 :]

    def children(self, prefix: str) -> builtins.list[str]:
        full = f"{self.prefix}/{prefix}"
        names: builtins.list[str] = []
        for page in self._pages(Prefix=full, Delimiter="/"):
            names.extend(p["Prefix"][len(full) :].rstrip("/") for p in page.get("CommonPrefixes", []))
        return sorted(names)


def input_record(
    *, account: str, region: str, actor: str, outcome: Outcome, code: str, detail: str, finding_id: str | None = None
) -> dict[str, Any]:
    """The entry for an input that no resource was acted on for (rejected, or failed before any change).

    It goes to the receiver's own stream: nothing happened in whatever account the input names."""
    return {
        "account": account,
        "region": region,
        "rule": None,
        "controls": [],
        "resource_arn": None,
        "actor": actor,
        "mode": "auto",
        "outcome": outcome.value,
        "error_code": code,
        "before": None,
        "after": None,
        "detail": detail,
        "finding_id": finding_id,
    }


class InputAudit:
    """Audits what a Lambda handler refuses, in its own account and region's stream; never raises (a
    refusal that cannot be audited is logged with its reason instead)."""

    def __init__(self, clients: Clients, bucket: str | None, region: str) -> None:
        self._clients = clients
        self._bucket = bucket
        self._region = region
        self._ledger: Ledger | None = None

    @classmethod
    def from_environment(cls) -> InputAudit:
        """As a Lambda function has it: the audit bucket `WARDEN_AUDIT_BUCKET` (none: nothing is audited)."""
        return cls(Clients(), os.environ.get("WARDEN_AUDIT_BUCKET"), os.environ.get("AWS_REGION", "us-east-1"))

    def __call__(self, outcome: Outcome, code: str, detail: str, finding_id: str | None = None) -> str | None:
        if not self._bucket:
            return None
        try:
            if self._ledger is None:
                self._ledger = Ledger(S3Store(self._clients.client("s3"), self._bucket))
            entry = input_record(
                account=self._clients.account_id,
                region=self._region,
                actor=self._clients.caller_arn,
                outcome=outcome,
                code=code,
                detail=detail,
                finding_id=finding_id,
            )
            record_id = str(self._ledger.append(entry)["id"])
            self._ledger.write_digest()  # a refusal is rare: anchor it at once
            return record_id
        except (*AWS_ERRORS, WardenError) as exc:
            log.error("could not audit a refused input (%s: %s): %s", code, detail, exc)
            return None


# Findings are looked up only for their intents, and plans only for what settled them: each record carries
# only the index entries a lookup needs (two fewer writes per remediated finding).
_NOT_INDEXED: dict[str, tuple[str, ...]] = {
    o.value: ("plan_id",) if o is Outcome.INTENT else ("finding_id",) for o in Outcome
}


def _chain_key(stream: str, seq: int) -> str:
    return f"chain/{stream}/{seq:012d}.json"


def _mark_key(name: str, stream: str) -> str:
    return f"marks/{name}/{stream}.json"


def _head_key(stream: str) -> str:
    return f"heads/{stream}.json"


def _index_prefix(field_name: str, value: str) -> str:
    value = _clean(str(value))
    quoted = urllib.parse.quote(value, safe="")
    # S3 keys hold 1,024 bytes: a long value is indexed by its digest instead.
    name = quoted if len(quoted) <= 200 else "sha256-" + hashlib.sha256(value.encode()).hexdigest()
    return f"index/{field_name}/{name}/"


def _seq_of(key: str) -> int | None:
    name = key.rsplit("/", 1)[-1].removesuffix(".json")
    return int(name) if name.isdigit() and len(name) == 12 else None


def _chunks(items: Iterable[str], size: int = READ_CHUNK) -> Iterator[list[str]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass
class _Head:
    seq: int = 0
    hash: str = GENESIS


@dataclass
class Ledger:
    store: Store
    _heads: dict[str, _Head] = field(default_factory=dict)
    _anchored: dict[str, int] = field(default_factory=dict)  # the sequence number of each stream's last digest
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _buffer: threading.local = field(default_factory=threading.local)

    @contextlib.contextmanager
    def buffered(self) -> Iterator[None]:
        """Within the block, this thread's appends are held and written when it ends (nothing is written
        if it raises). Each record appended is returned at once with its id; its sequence number and
        hashes are filled in, in place, when it is written."""
        if getattr(self._buffer, "records", None) is not None:
            raise LedgerError("appends are already being buffered")
        self._buffer.records = []
        try:
            yield
            held, self._buffer.records = self._buffer.records, None
            self._write_held(held)
        finally:
            self._buffer.records = None

    def _write_held(self, held: Iterable[dict[str, Any]]) -> None:
        for record in held:
            record.update(self._append(record, str(record["id"])))

    def head(self, stream: str) -> int:
        """The sequence number of the newest record of `stream` (0 when it has none)."""
        with self._lock:
            head = self._heads.get(stream) or self._find_head(stream)
            self._heads[stream] = head
        return head.seq

    def append(self, entry: Mapping[str, Any]) -> dict[str, Any]:
        """Chain and write one record; returns it with id, time, sequence and hashes."""
        if (held := getattr(self._buffer, "records", None)) is not None:
            record = {**entry, "id": str(uuid.uuid4())}
            held.append(record)
            return record
        return self._append(entry, str(uuid.uuid4()))

    def _append(self, entry: Mapping[str, Any], record_id: str) -> dict[str, Any]:
        entry = {k: v for k, v in entry.items() if k != "id"}
        stream = stream_name(entry.get("account", ""), entry.get("region", ""))
        with self._lock:
            head = self._heads.get(stream) or self._find_head(stream)
            for _ in range(MAX_APPEND_ATTEMPTS):
                record = self._chained(entry, record_id, stream, head)
                self._write_index(record)  # first: a record is never without its index entries
                if self.store.create(_chain_key(stream, record["seq"]), canonical(record)):
                    break
                taken = self._read_record(stream, record["seq"])
                if taken is None:
                    raise LedgerError(f"{_chain_key(stream, record['seq'])} exists but cannot be read")
                if taken.get("id") == record_id:
                    record = taken  # our own write, whose answer was lost and whose retry was refused
                    break
                head = _Head(record["seq"], str(taken.get("hash")))  # another writer appended: go on after it
            else:
                raise LedgerError(f"could not append to {stream} after {MAX_APPEND_ATTEMPTS} attempts")
            self._heads[stream] = _Head(record["seq"], record["hash"])
        return record

    def _chained(self, entry: Mapping[str, Any], record_id: str, stream: str, head: _Head) -> dict[str, Any]:
        record: dict[str, Any] = _clean(
            {
                "schema": SCHEMA_ID,
                "id": record_id,
                "time": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
                **entry,
                "stream": stream,
                "seq": head.seq + 1,
                "prev_hash": head.hash,
            }
        )
        record["hash"] = record_hash(record)
        schemas.validate(record, "audit-record")
        return record

    def _write_index(self, record: Mapping[str, Any]) -> None:
        for name in INDEXED_FIELDS:
            if name in _NOT_INDEXED.get(str(record.get("outcome")), ()):
                continue
            if record.get(name):
                self.store.create(_index_prefix(name, record[name]) + f"{record['stream']}-{record['seq']:012d}", b"")

    def _hint(self, stream: str, seq: int) -> None:
        try:
            self._put_seq(_head_key(stream), stream, seq)
        except (*AWS_ERRORS, OSError) as exc:
            # The record is written; a stale hint only costs the next cold writer a few more probes.
            log.warning("could not update the head hint of %s: %s", stream, exc)

    def _read_record(self, stream: str, seq: int) -> dict[str, Any] | None:
        body = self.store.read(_chain_key(stream, seq))
        if body is None:
            return None
        try:
            return dict(json.loads(body))
        except (ValueError, TypeError) as exc:
            raise LedgerError(f"{_chain_key(stream, seq)} is not a record; run `warden audit verify`") from exc

    def _find_head(self, stream: str) -> _Head:
        """The newest record: from the hint, probing forward; without a usable hint, by bisection."""
        seq = self._read_seq(_head_key(stream))
        record = self._read_record(stream, seq) if seq > 0 else None
        if record is None:
            seq, record = self._bisect_head(stream)
        while (following := self._read_record(stream, seq + 1)) is not None:
            seq, record = seq + 1, following
        return _Head(seq, str(record["hash"])) if record else _Head()

    def _bisect_head(self, stream: str) -> tuple[int, dict[str, Any] | None]:
        """The last sequence number present, in O(log n) reads (a stream whose hint was lost or forged)."""
        low, low_record, high = 0, None, 1
        while (probe := self._read_record(stream, high)) is not None:
            low, low_record, high = high, probe, high * 2
        while high - low > 1:
            middle = (low + high) // 2
            if (probe := self._read_record(stream, middle)) is not None:
                low, low_record = middle, probe
            else:
                high = middle
        return low, low_record

    def write_digest(self) -> list[dict[str, Any]]:
        """Anchor the head of every stream this ledger appended to; returns the digests written.

        The head hints are brought up to date here too, once per run or batch rather than per append."""
        with self._lock:
            heads = {s: h for s, h in self._heads.items() if self._anchored.get(s) != h.seq}
        written = []
        for stream, head in sorted(heads.items()):
            self._hint(stream, head.seq)
            digest = {
                "schema": DIGEST_SCHEMA_ID,
                "stream": stream,
                "seq": head.seq,
                "hash": head.hash,
                "time": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
            }
            if self.store.create(f"digests/{stream}/{head.seq:012d}.json", canonical(digest)):
                written.append(digest)
            self._anchored[stream] = head.seq
        return written

    def mark(self, name: str, stream: str) -> int:
        """The sequence number a periodic job (`name`) has finished with in `stream`, 0 when none.

        A mark, like the head hint, is overwritten and only saves work: a lost mark costs a re-read."""
        return self._read_seq(_mark_key(name, stream))

    def set_mark(self, name: str, stream: str, seq: int) -> None:
        self._put_seq(_mark_key(name, stream), stream, seq)

    def _read_seq(self, key: str) -> int:
        """The sequence number a hint or mark holds; 0 when it is missing or unreadable (never trusted)."""
        body = self.store.read(key)
        try:
            return int(json.loads(body)["seq"]) if body else 0
        except (ValueError, TypeError, KeyError):
            return 0

    def _put_seq(self, key: str, stream: str, seq: int) -> None:
        self.store.put(key, canonical({"stream": stream, "seq": seq}))

    def records_after(self, stream: str, seq: int) -> Iterator[dict[str, Any]]:
        """The records of `stream` after sequence number `seq`, in order: reads only those."""
        with ThreadPoolExecutor(READ_WORKERS) as pool:
            for _, body in _read_stream(self.store, pool, stream, _chain_key(stream, seq) if seq else None):
                if body is not None:
                    try:
                        yield dict(json.loads(body))
                    except ValueError:
                        continue

    def streams(self) -> list[str]:
        return self.store.children("chain/")

    def records(self, stream: str | None = None) -> Iterator[dict[str, Any]]:
        """Records in chain order, read in parallel (unreadable ones are skipped; `verify` reports them)."""
        with ThreadPoolExecutor(READ_WORKERS) as pool:
            for name in [stream] if stream else self.streams():
                for _, body in _read_stream(self.store, pool, name):
                    if body is not None:
                        try:
                            yield dict(json.loads(body))
                        except ValueError:
                            continue

    def lookup(self, field_name: str, value: str) -> list[dict[str, Any]]:
        """Records whose `field_name` (id, plan_id, finding_id, rolls_back) is `value`, in chain order.

        By finding_id only INTENT records are indexed, and by plan_id every record but the INTENT."""
        if field_name not in INDEXED_FIELDS:
            raise LedgerError(f"records are indexed by {', '.join(INDEXED_FIELDS)}, not {field_name}")
        wanted = _clean(value)
        places = []
        for key in self.store.list(_index_prefix(field_name, value)):
            stream, _, seq = key.rsplit("/", 1)[-1].rpartition("-")
            if stream and seq.isdigit():
                places.append((stream, int(seq)))
        with ThreadPoolExecutor(READ_WORKERS) as pool:
            found = pool.map(lambda place: self._read_record(*place), places)
            # An index entry whose append lost its race points at another writer's record: filtered here.
            return [r for r in found if r is not None and r.get(field_name) == wanted]

    def find(self, record_id: str) -> dict[str, Any]:
        for record in self.lookup("id", record_id):
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

    def plans(self) -> list[dict[str, Any]]:
        """Every stored plan."""
        with ThreadPoolExecutor(READ_WORKERS) as pool:
            bodies = pool.map(self.store.read, list(self.store.list("plans/")))
            return [dict(json.loads(body)) for body in bodies if body is not None]


def _read_stream(
    store: Store, pool: ThreadPoolExecutor, stream: str, start_after: str | None = None
) -> Iterator[tuple[str, bytes | None]]:
    """(key, body) of a stream's chain in order, a chunk at a time, each chunk read in parallel."""
    for chunk in _chunks(store.list(f"chain/{stream}/", start_after)):
        yield from zip(chunk, pool.map(store.read, chunk), strict=True)


@dataclass(frozen=True)
class Problem:
    kind: str  # edited, deleted, inserted, reordered, truncated
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
    digests: int = 0  # streams whose head is anchored by a digest
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(store: Store) -> Verification:
    """Recompute every chain; name each edited, deleted, inserted or reordered record and any truncation.

    Streams the chain a chunk at a time (memory does not grow with the ledger) and reads in parallel.
    """
    report = Verification()
    streams = sorted({*store.children("chain/"), *store.children("digests/")})
    report.streams = len(streams)
    with ThreadPoolExecutor(READ_WORKERS) as pool:
        for stream in streams:
            last_seq, last_hash = _verify_stream(store, pool, stream, report)
            digest = _newest_digest(store, stream)
            if digest is not None:
                report.digests += 1
                problem = _check_digest(stream, digest, last_seq, last_hash, store)
                if problem:
                    report.problems.append(problem)
    return report


def _verify_stream(store: Store, pool: ThreadPoolExecutor, stream: str, report: Verification) -> tuple[int, str]:
    """Check one chain; returns the last sequence number seen and its hash."""
    previous_hash: str | None = GENESIS  # None after a gap: the next link cannot be checked
    expected = 1
    for key, body in _read_stream(store, pool, stream):
        seq = _seq_of(key)
        if seq is None:
            report.problems.append(Problem("inserted", stream, None, key, "not a sequence key of the chain"))
            continue
        if seq != expected:
            missing = f"record {expected} is" if seq == expected + 1 else f"records {expected}..{seq - 1} are"
            report.problems.append(Problem("deleted", stream, expected, "-", f"{missing} missing"))
            previous_hash = None
        expected = seq + 1
        if body is None:  # listed, then gone
            report.problems.append(Problem("deleted", stream, seq, key, "disappeared while verifying"))
            previous_hash = None
            continue
        report.records += 1
        try:
            record = json.loads(body)
            if not isinstance(record, dict):
                raise ValueError("not an object")
        except ValueError:
            report.problems.append(Problem("edited", stream, seq, key, "record is not a JSON object"))
            previous_hash = None
            continue
        problem = _check(record, seq, previous_hash, stream)
        if problem:
            report.problems.append(problem)
        # After a misplaced or edited record the next link proves nothing more: it is not checked.
        previous_hash = None if problem else str(record.get("hash"))
    return expected - 1, previous_hash or ""


def _check(record: dict[str, Any], seq: int, previous_hash: str | None, stream: str) -> Problem | None:
    record_id = str(record.get("id", "-"))
    if record.get("seq") != seq or record.get("stream") != stream:
        return Problem("reordered", stream, seq, record_id, f"holds {record.get('stream')} #{record.get('seq')}")
    if record_hash(record) != record.get("hash"):
        return Problem("edited", stream, seq, record_id, "content does not match its hash")
    if previous_hash is not None and record.get("prev_hash") != previous_hash:
        return Problem("reordered", stream, seq, record_id, "does not follow the record before it")
    return None


def _newest_digest(store: Store, stream: str) -> dict[str, Any] | None:
    newest = None
    for key in store.list(f"digests/{stream}/"):
        newest = key  # keys sort by sequence number: the last one anchors the furthest
    if newest is None:
        return None
    try:
        digest = json.loads(store.read(newest) or b"null")
    except ValueError:
        digest = None
    return digest if isinstance(digest, dict) else {"seq": _seq_of(newest), "hash": None, "key": newest}


def _check_digest(stream: str, digest: dict[str, Any], last_seq: int, last_hash: str, store: Store) -> Problem | None:
    seq = digest.get("seq")
    if not isinstance(seq, int) or digest.get("hash") is None:
        return Problem("edited", stream, None, str(digest.get("key", "-")), "the newest digest is unreadable")
    when = f"the digest of {digest.get('time', 'an earlier run')}"
    if seq > last_seq:
        missing = f"record {seq} is" if seq == last_seq + 1 else f"records {last_seq + 1}..{seq} are"
        return Problem("truncated", stream, last_seq + 1, "-", f"{missing} gone: {when} anchored #{seq}")
    anchored = last_hash if seq == last_seq else _anchored_hash(store, stream, seq)
    if anchored != digest["hash"]:
        return Problem("edited", stream, seq, "-", f"the record does not match {when}")
    return None


def _anchored_hash(store: Store, stream: str, seq: int) -> str | None:
    body = store.read(_chain_key(stream, seq))
    try:
        return str(json.loads(body)["hash"]) if body else None
    except (ValueError, KeyError, TypeError):
        return None
