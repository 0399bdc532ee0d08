"""Warden's append-only, tamper-evident audit ledger, in a local directory or an S3 bucket.

Each stream (one per account and region) is a SHA-256 hash chain of records, stored in blocks of
consecutive records. A block is one create-only write (`IfNoneMatch: *` on S3, a hard link on disk) at the
sequence number of its first record: it either happens whole or not at all, so a failed or interrupted
writer leaves nothing half-written. A lost race means someone else took that number; the writer reads
their block and tries again after its last record.

    chain/<stream>/<first seq>.json              a block: its records' canonical JSON, one a line, written
                                                 once (a block of one record is that record)
    index/id/<nonce>/<stream>-<first seq>        one per block: a record id is the block's random nonce (28
                                                 hex digits of a UUID) and the record's place in the block
    index/<field>/<value>/<stream>-<first seq>   for rolls_back, and plan_id on records made in approve mode
                                                 (what settled a stored plan); written before the block,
                                                 each lookup checks the block's records
    heads/<stream>.json                          a hint of the head block for a cold writer, written with a
                                                 digest when the head has moved HINT_EVERY past it; overwritten,
                                                 never trusted (checked against the chain)
    marks/<job>/<stream>.json                    how far a periodic job (the sweep) has read; overwritten
    digests/<stream>/<seq>.json                  anchored heads: the stream's last record and its hash
    plans/<plan id>.json                         plans awaiting approval

Costs do not grow with the ledger. `append` writes a block of one record; within `buffered` every append is
held and each stream's records become one block: either way two writes (the id index entry and the block,
plus an entry per rollback or approve-mode plan in it) whatever the block's size. A cold writer first
finds the head: it reads the hint, lists the blocks after the hinted one and reads the newest (three
calls). Finding a record by id lists its block's entry and reads the block. Nothing is ever overwritten
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
from itertools import chain, islice
from pathlib import Path
from typing import Any, Protocol

import botocore.exceptions
import rfc8785

from warden import schemas
from warden.aws import AWS_ERRORS, Clients, error_code, with_retries
from warden.model import WardenError
from warden.remediation import Mode

log = logging.getLogger(__name__)

SCHEMA_ID = "warden.audit/v1"
DIGEST_SCHEMA_ID = "warden.audit-digest/v1"
GENESIS = "0" * 64
MAX_APPEND_ATTEMPTS = 100
# Lookups are by id, by rolls_back (is a record rolled back?) and by plan_id (what settled a plan stored for
# `warden approve`): nothing else is indexed, and by plan_id only records made in approve mode.
INDEXED_FIELDS = ("id", "plan_id", "rolls_back")
NONCE_DIGITS = 28  # of a block's record ids; the last four number the record within its block
MAX_BLOCK_RECORDS = 16**4
READ_WORKERS = 16
HINT_EVERY = 500  # sequence numbers the head may move past its hint: under one page (1,000 keys) of listing
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


def _record_id(nonce: str, position: int) -> str:
    return str(uuid.UUID(nonce + f"{position:04x}"))


def _id_prefix(record_id: str) -> str:
    """Where the index entry of the block holding `record_id` is: under its nonce (ValueError: not a UUID)."""
    return f"index/id/{uuid.UUID(record_id).hex[:NONCE_DIGITS]}/"


def _place(index_key: str) -> tuple[str, int] | None:
    """(stream, first sequence number) of the block an index entry points at."""
    stream, _, first = index_key.rsplit("/", 1)[-1].rpartition("-")
    return (stream, int(first)) if stream and first.isdigit() else None


def _seq_of(key: str) -> int | None:
    name = key.rsplit("/", 1)[-1].removesuffix(".json")
    return int(name) if name.isdigit() and len(name) == 12 else None


def _chunks(items: Iterable[str], size: int = READ_CHUNK) -> Iterator[list[str]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _block_body(records: Iterable[Mapping[str, Any]]) -> bytes:
    return b"\n".join(canonical(record) for record in records)


def _parse_block(body: bytes) -> list[dict[str, Any] | None]:
    """A block's records in order; None for a line that is not a JSON object (`verify` names it)."""
    records: list[dict[str, Any] | None] = []
    for line in body.split(b"\n"):
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        records.append(record if isinstance(record, dict) else None)
    return records


def _last_block(keys: Iterable[str]) -> int | None:
    """The first sequence number of the last block listed (keys that are not blocks are passed over)."""
    last = None
    for key in keys:
        if (first := _seq_of(key)) is not None:
            last = first
    return last


def _block_holding(store: Store, stream: str, seq: int) -> str | None:
    """The key of the last block that starts at or before `seq`: the one that holds it, if any does.

    A block holds at most MAX_BLOCK_RECORDS records, so it starts at most that far back; the listing starts
    just before `seq` and reaches further back only when no block starts there (large blocks are rare)."""
    window = 64
    while True:
        low = max(seq - window, 0)
        holder = None
        for key in store.list(f"chain/{stream}/", _chain_key(stream, low) if low else None):
            first = _seq_of(key)
            if first is None:
                continue
            if first > seq:
                break  # the listing is lazy: no further page is fetched
            holder = key
        if holder is not None or low == 0 or window >= MAX_BLOCK_RECORDS:
            return holder
        window *= 32


@dataclass
class _Head:
    seq: int = 0  # the newest record's
    hash: str = GENESIS
    block: int = 0  # the first sequence number of the block that holds it


@dataclass
class _Block:
    """Entries held for one block of a stream, each with its id (the block's nonce and its place) from the start."""

    # 28 of a version-4 UUID's hex digits: its version and variant digits stay as they are.
    nonce: str = field(default_factory=lambda: uuid.uuid4().hex[:NONCE_DIGITS])
    records: list[dict[str, Any]] = field(default_factory=list)

    def hold(self, entry: Mapping[str, Any]) -> dict[str, Any]:
        if len(self.records) >= MAX_BLOCK_RECORDS:
            raise LedgerError(f"a block holds at most {MAX_BLOCK_RECORDS} records of one stream")
        record = {**entry, "id": _record_id(self.nonce, len(self.records))}
        self.records.append(record)
        return record


@dataclass
class Ledger:
    store: Store
    _heads: dict[str, _Head] = field(default_factory=dict)
    _anchored: dict[str, int] = field(default_factory=dict)  # the sequence number of each stream's last digest
    _hinted: dict[str, int] = field(default_factory=dict)  # the block each stream's hint names, as last seen
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _buffer: threading.local = field(default_factory=threading.local)

    @contextlib.contextmanager
    def buffered(self) -> Iterator[None]:
        """Within the block, this thread's appends are held and written when it ends, one block per stream
        (nothing is written if it raises). Each record appended is returned at once with its id; its time,
        sequence number and hashes are filled in, in place, when it is written."""
        if getattr(self._buffer, "blocks", None) is not None:
            raise LedgerError("appends are already being buffered")
        self._buffer.blocks = {}
        try:
            yield
            held, self._buffer.blocks = self._buffer.blocks, None
            self._write(held)
        finally:
            self._buffer.blocks = None

    def head(self, stream: str) -> int:
        """The sequence number of the newest record of `stream` (0 when it has none)."""
        with self._lock:
            head = self._heads.get(stream) or self._find_head(stream)
            self._heads[stream] = head
        return head.seq

    def append(self, entry: Mapping[str, Any]) -> dict[str, Any]:
        """Chain and write one record, a block of its own; returns it with id, time, sequence and hashes."""
        return self.append_many([entry])[0]

    def append_many(self, entries: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Chain and write records (under `buffered`, hold them), one block per stream, each stream's in the
        order given; returns them."""
        held = getattr(self._buffer, "blocks", None)
        blocks: dict[str, _Block] = held if held is not None else {}
        records = []
        for entry in entries:
            stream = stream_name(entry.get("account", ""), entry.get("region", ""))
            if stream not in blocks:
                blocks[stream] = _Block()
            records.append(blocks[stream].hold(entry))
        if held is None:
            self._write(blocks)
        return records

    def _write(self, blocks: Mapping[str, _Block]) -> None:
        """Write each block and fill its chain fields into the records its caller holds."""
        with self._lock:
            # All are chained, and so validated, before any is written: a bad entry stops them all.
            chained = {s: self._chained(s, b, self._heads.get(s) or self._find_head(s)) for s, b in blocks.items()}
            for stream, records in chained.items():
                written = self._write_block(stream, blocks[stream], records)
                for held, record in zip(blocks[stream].records, written, strict=True):
                    held.update(record)

    def _write_block(self, stream: str, block: _Block, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for _ in range(MAX_APPEND_ATTEMPTS):
            first = records[0]["seq"]
            self._write_index(stream, records)  # first: a block is never without its index entries
            if self.store.create(_chain_key(stream, first), _block_body(records)):
                break
            taken = self._read_block(stream, first)
            if taken is None:
                raise LedgerError(f"{_chain_key(stream, first)} exists but cannot be read")
            if [r.get("id") for r in taken] == [r["id"] for r in records]:
                records = taken  # our own write, whose answer was lost and whose retry was refused
                break
            # Another writer appended: go on after the last record of its block.
            records = self._chained(stream, block, self._head_of(stream, first, taken))
        else:
            raise LedgerError(f"could not append to {stream} after {MAX_APPEND_ATTEMPTS} attempts")
        self._heads[stream] = _Head(records[-1]["seq"], records[-1]["hash"], first)
        return records

    def _chained(self, stream: str, block: _Block, head: _Head) -> list[dict[str, Any]]:
        time = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        records = []
        previous = head
        for entry in block.records:
            record: dict[str, Any] = _clean(
                {
                    "schema": SCHEMA_ID,
                    "time": time,
                    **entry,
                    "stream": stream,
                    "seq": previous.seq + 1,
                    "prev_hash": previous.hash,
                }
            )
            record["hash"] = record_hash(record)
            schemas.validate(record, "audit-record")
            records.append(record)
            previous = _Head(record["seq"], record["hash"])
        return records

    def _write_index(self, stream: str, records: list[dict[str, Any]]) -> None:
        """One entry for the block's ids, and one per rollback and per plan waiting for approval in it."""
        place = f"{stream}-{records[0]['seq']:012d}"
        keys = [_id_prefix(records[0]["id"]) + place]
        for record in records:
            if record.get("rolls_back"):
                keys.append(_index_prefix("rolls_back", record["rolls_back"]) + place)
            if record.get("plan_id") and record.get("mode") == Mode.APPROVE:
                keys.append(_index_prefix("plan_id", record["plan_id"]) + place)
        for key in dict.fromkeys(keys):
            self.store.create(key, b"")

    def _read_block(self, stream: str, first: int) -> list[dict[str, Any]] | None:
        body = self.store.read(_chain_key(stream, first))
        if body is None:
            return None
        records = [r for r in _parse_block(body) if r is not None]
        if len(records) != body.count(b"\n") + 1:
            raise LedgerError(f"{_chain_key(stream, first)} is not a block of records; run `warden audit verify`")
        return records

    def _head_of(self, stream: str, first: int, records: list[dict[str, Any]]) -> _Head:
        last = records[-1]
        if not isinstance(last.get("seq"), int):
            raise LedgerError(f"{_chain_key(stream, first)} ends with a record without a sequence number")
        return _Head(last["seq"], str(last.get("hash")), first)

    def _find_head(self, stream: str) -> _Head:
        """The newest record. The hint names a block, the listing after it the newest block, and that block
        holds it: three calls. Without a usable hint, the listing starts at the beginning of the stream."""
        hinted = self._read_seq(_head_key(stream), "block")
        if hinted > 0:
            newest = _last_block(self.store.list(f"chain/{stream}/", _chain_key(stream, hinted)))
            records = self._read_block(stream, newest or hinted)
            if records is not None:
                self._hinted[stream] = hinted
                return self._head_of(stream, newest or hinted, records)
        newest = _last_block(self.store.list(f"chain/{stream}/"))
        if newest is None:
            return _Head()
        records = self._read_block(stream, newest)
        if records is None:
            raise LedgerError(f"{_chain_key(stream, newest)} was listed but cannot be read")
        return self._head_of(stream, newest, records)

    def write_digest(self) -> list[dict[str, Any]]:
        """Anchor the head of every stream this ledger appended to; returns the digests written.

        A stream's head hint is written with its first digest, then once the head has moved HINT_EVERY
        sequence numbers past it: a cold writer lists at most that many blocks, one page, either way."""
        with self._lock:
            heads = {s: h for s, h in self._heads.items() if self._anchored.get(s) != h.seq}
        written = []
        for stream, head in sorted(heads.items()):
            if stream not in self._hinted or head.block - self._hinted[stream] >= HINT_EVERY:
                self._hint(stream, head)
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

    def _hint(self, stream: str, head: _Head) -> None:
        try:
            self.store.put(_head_key(stream), canonical({"stream": stream, "seq": head.seq, "block": head.block}))
            self._hinted[stream] = head.block
        except (*AWS_ERRORS, OSError) as exc:
            # The blocks are written; a stale hint only costs the next cold writer a longer listing.
            log.warning("could not update the head hint of %s: %s", stream, exc)

    def mark(self, name: str, stream: str) -> int:
        """The sequence number a periodic job (`name`) has finished with in `stream`, 0 when none.

        A mark, like the head hint, is overwritten and only saves work: a lost mark costs a re-read."""
        return self._read_seq(_mark_key(name, stream))

    def set_mark(self, name: str, stream: str, seq: int) -> None:
        self.store.put(_mark_key(name, stream), canonical({"stream": stream, "seq": seq}))

    def _read_seq(self, key: str, name: str = "seq") -> int:
        """The number a hint or mark holds under `name`; 0 when it is missing or unreadable (never trusted)."""
        body = self.store.read(key)
        try:
            return int(json.loads(body)[name]) if body else 0
        except (ValueError, TypeError, KeyError):
            return 0

    def records_after(self, stream: str, seq: int) -> Iterator[dict[str, Any]]:
        """The records of `stream` after sequence number `seq`, in order: reads only the blocks that hold them."""
        later = self.store.list(f"chain/{stream}/", _chain_key(stream, seq) if seq > 0 else None)
        following = next(later, None)
        blocks = [following] if following is not None else []
        if seq > 0 and (following is None or _seq_of(following) != seq + 1):
            # Record seq + 1 does not start a block: it may be inside the block that holds record seq.
            holder = _block_holding(self.store, stream, seq)
            blocks[:0] = [holder] if holder is not None else []
        with ThreadPoolExecutor(READ_WORKERS) as pool:
            for _, body in _read_blocks(self.store, pool, chain(blocks, later)):
                for record in _parse_block(body) if body is not None else []:
                    if record is not None and isinstance(record.get("seq"), int) and record["seq"] > seq:
                        yield record

    def streams(self) -> list[str]:
        return self.store.children("chain/")

    def records(self, stream: str | None = None) -> Iterator[dict[str, Any]]:
        """Records in chain order, read in parallel (unreadable ones are skipped; `verify` reports them)."""
        with ThreadPoolExecutor(READ_WORKERS) as pool:
            for name in [stream] if stream else self.streams():
                for _, body in _read_blocks(self.store, pool, self.store.list(f"chain/{name}/")):
                    for record in _parse_block(body) if body is not None else []:
                        if record is not None:
                            yield record

    def lookup(self, field_name: str, value: str) -> list[dict[str, Any]]:
        """Records whose `field_name` (id, plan_id, rolls_back) is `value`, in chain order.

        By plan_id only records made in approve mode are indexed: the plans stored for `warden approve`."""
        if field_name not in INDEXED_FIELDS:
            raise LedgerError(f"records are indexed by {', '.join(INDEXED_FIELDS)}, not {field_name}")
        if field_name == "id":
            try:
                prefix, wanted = _id_prefix(value), str(uuid.UUID(value))
            except ValueError:
                return []  # not an id this ledger gives
        else:
            prefix, wanted = _index_prefix(field_name, value), _clean(value)
        places = sorted({place for key in self.store.list(prefix) if (place := _place(key))})
        with ThreadPoolExecutor(READ_WORKERS) as pool:
            blocks = pool.map(lambda place: self._read_block(*place), places)
            # An index entry whose append lost its race points at another writer's block: filtered here.
            return [r for block in blocks for r in block or [] if r.get(field_name) == wanted]

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


def _read_blocks(store: Store, pool: ThreadPoolExecutor, keys: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
    """(key, body) of each block in order, a chunk at a time, each chunk read in parallel."""
    for chunk in _chunks(keys):
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
    """Check one chain, block by block; returns the last sequence number seen and its hash."""
    previous_hash: str | None = GENESIS  # None after a problem: the next link cannot be checked
    expected: int | None = 1  # None after a block that vanished: how far it reached is unknown
    for key, body, bound in _with_bounds(_read_blocks(store, pool, store.list(f"chain/{stream}/"))):
        first = _seq_of(key)
        if first is None:
            report.problems.append(Problem("inserted", stream, None, key, "not a sequence key of the chain"))
            continue
        if body is None:  # listed, then gone
            report.problems.append(Problem("deleted", stream, first, key, "disappeared while verifying"))
            previous_hash, expected = None, None
            continue
        records = _parse_block(body)
        start = records[0].get("seq") if records[0] is not None else None
        if expected is None or first == expected:
            expected = first
        elif start == expected:  # the records go on from the block before: only the key is wrong
            report.problems.append(Problem("reordered", stream, first, key, f"holds records from #{expected} on"))
        elif first > expected:
            report.problems.append(
                Problem("deleted", stream, expected, "-", f"{_missing(expected, first - 1)} missing")
            )
            previous_hash, expected = None, first
        else:
            report.problems.append(Problem("inserted", stream, first, key, f"overlaps records up to #{expected - 1}"))
            previous_hash, expected = None, first
        expected, previous_hash = _verify_block(records, key, bound, expected, previous_hash, stream, report)
    return (expected or 1) - 1, previous_hash or ""


def _with_bounds(blocks: Iterator[tuple[str, bytes | None]]) -> Iterator[tuple[str, bytes | None, float]]:
    """Each (key, body) with where the next block starts (infinity after the last)."""
    current = next(blocks, None)
    while current is not None:
        following = next(blocks, None)
        yield *current, (_seq_of(following[0]) if following else None) or math.inf
        current = following


def _verify_block(
    records: list[dict[str, Any] | None],
    key: str,
    bound: float,
    expected: int,
    previous_hash: str | None,
    stream: str,
    report: Verification,
) -> tuple[int, str | None]:
    """Check a block's records, the first expected to be #`expected` and all below `bound` (where the next
    block starts); returns the next sequence number expected and the last record's hash.

    A record further on than expected marks a deletion when no record after it (in this block, or the next
    block's start) comes earlier; otherwise the records are out of order."""
    seqs = [r.get("seq") if r is not None and isinstance(r.get("seq"), int) else None for r in records]
    earliest_after = [bound] * len(records)  # the lowest sequence number after each place
    for place in range(len(records) - 2, -1, -1):
        following = seqs[place + 1]
        earliest_after[place] = min(earliest_after[place + 1], following if following is not None else math.inf)
    for place, record in enumerate(records):
        report.records += 1
        if record is None:
            report.problems.append(Problem("edited", stream, expected, key, "record is not a JSON object"))
            previous_hash, expected = None, expected + 1
            continue
        seq = seqs[place]
        if seq is not None and seq > expected and earliest_after[place] > seq:
            report.problems.append(Problem("deleted", stream, expected, "-", f"{_missing(expected, seq - 1)} missing"))
            previous_hash, expected = None, seq
        problem = _check(record, expected, previous_hash, stream)
        if problem:
            report.problems.append(problem)
        # After a misplaced or edited record the next link proves nothing more: it is not checked.
        previous_hash = None if problem else str(record.get("hash"))
        expected += 1
    return expected, previous_hash


def _missing(first: int, last: int) -> str:
    return f"record {first} is" if first == last else f"records {first}..{last} are"


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
        return Problem(
            "truncated", stream, last_seq + 1, "-", f"{_missing(last_seq + 1, seq)} gone: {when} anchored #{seq}"
        )
    anchored = last_hash if seq == last_seq else _anchored_hash(store, stream, seq)
    if anchored != digest["hash"]:
        return Problem("edited", stream, seq, "-", f"the record does not match {when}")
    return None


def _anchored_hash(store: Store, stream: str, seq: int) -> str | None:
    """The hash of record `seq`, found in the block that holds it."""
    key = _block_holding(store, stream, seq)
    records = _parse_block(store.read(key) or b"") if key else []
    return next((str(r.get("hash")) for r in records if r is not None and r.get("seq") == seq), None)
