"""Claims on findings in DynamoDB: each finding is remediated by one delivery at a time, and at most once.

A batch of findings is claimed in one `TransactWriteItems` call and settled in another. Powertools
idempotency, used before, takes two calls per finding and cannot say whether an earlier attempt was
overwritten. A claim records where its finding's attempts start in the audit ledger (`stream`,
`after_seq`), so a delivery that takes over an attempt that ended without settling (crashed, timed out,
or released for a retry) reads what it recorded there instead of looking it up through an index. The
hourly blast-radius window (`WindowBudget`) lives in the same table and rides in the same transactions.

    id                      finding#<finding id>
    status                  IN_PROGRESS | RELEASED | COMPLETED
    attempt                 a random id of the delivery holding the claim
    in_progress_expiration  epoch ms after which an IN_PROGRESS claim is abandoned (the Lambda deadline)
    expiration              epoch s when the item goes (TTL): a completed finding is a duplicate until then
    stream, after_seq       the ledger stream and its head when the finding's first unfinished attempt began
    outcome, record_id      a completed attempt's result, answered to duplicates
"""

from __future__ import annotations

import datetime as dt
import enum
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import botocore.exceptions

from warden.aws import error_code
from warden.model import WardenError

DEFAULT_TTL_SECONDS = 24 * 3600
DEFAULT_IN_PROGRESS_MS = 120_000  # the worker's timeout, when no Lambda context says otherwise
MAX_TRANSACTION_ITEMS = 100
CLAIM_ROUNDS = 4  # a round settles every item it cannot take; later rounds only follow races
CONFLICT_BACKOFF_SECONDS = 0.2


class Standing(enum.Enum):
    CLAIMED = "claimed"  # this delivery holds it; `previous` is the attempt it took over, if any
    COMPLETED = "completed"  # already handled: a duplicate
    BUSY = "busy"  # another delivery holds it now


@dataclass(frozen=True)
class Claim:
    finding_id: str
    standing: Standing
    attempt: str = ""
    previous: Mapping[str, Any] | None = None  # the item of the attempt taken over (or the completed one)

    @property
    def result(self) -> dict[str, Any]:
        """A completed claim's recorded result."""
        item = self.previous or {}
        return {"outcome": _text(item, "outcome"), "record_id": _text(item, "record_id")}


class ClaimError(WardenError):
    """Other deliveries kept taking the same findings' claims: the batch is tried again later."""


class Claims:
    def __init__(
        self,
        dynamodb: Any,
        table: str,
        *,
        window: WindowBudget | None = None,
        ttl_seconds: int = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._dynamodb = dynamodb
        self._table = table
        self.window = window
        self._ttl = ttl_seconds
        self._clock = clock
        self._sleep = sleep

    def claim(
        self, starts: Mapping[str, tuple[str, int]], in_progress_ms: int, reserve: Mapping[str, int] | None = None
    ) -> dict[str, Claim]:
        """Claim each finding (`finding id -> (ledger stream, its head seq)`); each gets its standing.

        An IN_PROGRESS claim past its deadline, or a RELEASED one, is taken over, guarded by its attempt id
        so that two deliveries cannot both take it. `reserve` (rule -> changes) is reserved in the hourly
        window in the same transaction, as much of it as fits."""
        now = self._clock()
        attempt = uuid.uuid4().hex
        standings: dict[str, Claim] = {}
        guards: dict[str, str | None] = {finding: None for finding in starts}  # None: the item must be absent
        taken_over: dict[str, Mapping[str, Any]] = {}
        shares = self._shares(reserve or {})
        for _ in range(CLAIM_ROUNDS):
            if not guards:
                return standings
            items = []
            for finding, guard in guards.items():
                start = _start(taken_over.get(finding)) or starts[finding]
                items.append(self._put(finding, attempt, start, now, in_progress_ms, guard))
            asked = [(share, n) for share, n in shares.items() if n > 0]
            items += [self._window().reserve_item(key, n) for (_, key), n in asked]
            refused = self._transact(items)
            if refused is None:
                for finding in guards:
                    standings[finding] = Claim(finding, Standing.CLAIMED, attempt, taken_over.get(finding))
                for (rule, key), n in asked:
                    self._window().hold(rule, key, n)
                return standings
            for (share, n), old in zip(asked, refused[len(guards) :], strict=True):
                if old is not None:  # the window is nearly full: ask for what is left (less each time, in a race)
                    shares[share] = min(n - 1, self._window().limit - int(_number(old, "changes")))
            for finding, old in zip(list(guards), refused, strict=False):
                if old is None:
                    continue  # refused only because the transaction was: tried again as it was
                status, holder = _text(old, "status"), _text(old, "attempt")
                if not old:  # the claim taken over has gone (TTL) since it was read
                    guards[finding] = None
                    taken_over.pop(finding, None)
                elif holder == attempt:  # written by an earlier chunk of this very call
                    standings[finding] = Claim(finding, Standing.CLAIMED, attempt, taken_over.get(finding))
                    del guards[finding]
                elif status == "COMPLETED" and _number(old, "expiration") > now:
                    standings[finding] = Claim(finding, Standing.COMPLETED, previous=_plain(old))
                    del guards[finding]
                elif status == "IN_PROGRESS" and _number(old, "in_progress_expiration") > now * 1000:
                    standings[finding] = Claim(finding, Standing.BUSY, previous=_plain(old))
                    del guards[finding]
                else:
                    guards[finding] = holder
                    taken_over[finding] = _plain(old)
        if not guards:
            return standings
        raise ClaimError(
            f"could not claim {len(guards)} finding(s) in {CLAIM_ROUNDS} rounds: other deliveries kept racing"
        )

    def _window(self) -> WindowBudget:
        if self.window is None:
            raise ClaimError("no hourly window to reserve changes in")
        return self.window

    def _shares(self, reserve: Mapping[str, int]) -> dict[tuple[str, str], int]:
        """(rule, window key) -> changes to reserve: none without a window, at most its limit."""
        window = self.window
        return {(rule, window.key(rule)): min(n, window.limit) for rule, n in reserve.items()} if window else {}

    def settle(self, attempt: str, completed: Mapping[str, Mapping[str, str]], released: Iterable[str] = ()) -> None:
        """Mark findings COMPLETED with their result, release the others for a retry, and give the window
        back what the batch reserved and did not spend, in one call.

        Guarded by the attempt id: a claim taken over meanwhile is left to its new holder."""
        expires = int(self._clock()) + self._ttl
        items = [
            self._update(finding, attempt, "COMPLETED", expires, {k: str(v) for k, v in result.items()})
            for finding, result in completed.items()
        ]
        items += [self._update(finding, attempt, "RELEASED", expires, {}) for finding in released]
        items += self.window.give_back_items() if self.window else []
        for _ in range(CLAIM_ROUNDS):
            refused = self._transact(items) if items else None
            if refused is None:
                return
            items = [item for item, old in zip(items, refused, strict=True) if old is None]

    def _put(
        self,
        finding: str,
        attempt: str,
        start: tuple[str, int],
        now: float,
        in_progress_ms: int,
        holder: str | None,
    ) -> dict[str, Any]:
        stream, after_seq = start
        put: dict[str, Any] = {
            "TableName": self._table,
            "Item": {
                "id": {"S": _key(finding)},
                "status": {"S": "IN_PROGRESS"},
                "attempt": {"S": attempt},
                "in_progress_expiration": {"N": str(int(now * 1000) + in_progress_ms)},
                "expiration": {"N": str(int(now) + self._ttl)},
                "stream": {"S": stream},
                "after_seq": {"N": str(after_seq)},
            },
            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        }
        if holder is None:
            put["ConditionExpression"] = "attribute_not_exists(id) OR expiration < :now"
            put["ExpressionAttributeValues"] = {":now": {"N": str(int(now))}}
        else:
            put["ConditionExpression"] = "attempt = :holder"
            put["ExpressionAttributeValues"] = {":holder": {"S": holder}}
        return {"Put": put}

    def _update(
        self, finding: str, attempt: str, status: str, expires: int, result: Mapping[str, str]
    ) -> dict[str, Any]:
        names = {"#status": "status", **{f"#{k}": k for k in result}}
        values = {
            ":status": {"S": status},
            ":attempt": {"S": attempt},
            ":expires": {"N": str(expires)},
            **{f":{k}": {"S": v} for k, v in result.items()},
        }
        assignments = ", ".join(["#status = :status", "expiration = :expires", *(f"#{k} = :{k}" for k in result)])
        return {
            "Update": {
                "TableName": self._table,
                "Key": {"id": {"S": _key(finding)}},
                "UpdateExpression": f"SET {assignments}",
                "ConditionExpression": "attempt = :attempt",
                "ExpressionAttributeNames": names,
                "ExpressionAttributeValues": values,
                "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
            }
        }

    def _transact(self, items: Sequence[dict[str, Any]]) -> list[dict[str, Any] | None] | None:
        """None when every item was written; else, per item, the old item that refused it (None: not refused)."""
        refused: list[dict[str, Any] | None] = []
        failed = False
        for start in range(0, len(items), MAX_TRANSACTION_ITEMS):
            chunk = items[start : start + MAX_TRANSACTION_ITEMS]
            try:
                self._dynamodb.transact_write_items(TransactItems=list(chunk))
                refused.extend([None] * len(chunk))
            except botocore.exceptions.ClientError as exc:
                if error_code(exc) != "TransactionCanceledException":
                    raise
                reasons = exc.response.get("CancellationReasons") or []
                if len(reasons) != len(chunk):
                    raise
                failed = True
                refusals = [_refusal(reason) for reason in reasons]
                if all(r is None for r in refusals):
                    # Only a conflict with a concurrent transaction (on the shared window, say): wait a little.
                    self._sleep(random.uniform(0, CONFLICT_BACKOFF_SECONDS))
                refused.extend(refusals)
        return refused if failed else None


class WindowBudget:
    """At most `limit` changes per rule per clock hour, shared by every worker through the claims' table.

    A batch reserves the share its changes may need in the transaction that claims its findings, spends it
    without a call (`take`), and gives back what it did not spend in the one that settles them."""

    def __init__(self, dynamodb: Any, table: str, limit: int, clock: Callable[[], dt.datetime] | None = None) -> None:
        self._dynamodb = dynamodb
        self._table = table
        self.limit = limit
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._held: Counter[tuple[str, str]] = Counter()  # (rule, window key) -> reserved, not yet spent

    def take(self, rule_id: str) -> bool:
        for held in self._held:
            if held[0] == rule_id and self._held[held] > 0:
                self._held[held] -= 1
                return True
        # Nothing reserved for it (a caller outside a batch): one conditional update.
        key = self.key(rule_id)
        try:
            self._dynamodb.update_item(**self.reserve_item(key, 1)["Update"])
        except botocore.exceptions.ClientError as exc:
            if error_code(exc) == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def key(self, rule_id: str) -> str:
        return f"budget#{rule_id}#{self._clock():%Y%m%d%H}"

    def reserve_item(self, key: str, changes: int) -> dict[str, Any]:
        """The transaction item adding `changes` to a window, refused when they would not fit."""
        return {
            "Update": {
                "TableName": self._table,
                "Key": {"id": {"S": key}},
                "UpdateExpression": "ADD changes :changes SET expiration = :expires",
                "ConditionExpression": "attribute_not_exists(changes) OR changes <= :room",
                "ExpressionAttributeValues": {
                    ":changes": {"N": str(changes)},
                    ":room": {"N": str(self.limit - changes)},
                    ":expires": {"N": str(int(self._clock().timestamp()) + 7200)},
                },
                "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
            }
        }

    def hold(self, rule_id: str, key: str, changes: int) -> None:
        self._held[(rule_id, key)] += changes

    def give_back_items(self) -> list[dict[str, Any]]:
        """Transaction items returning what was reserved and not spent (it would cap later batches)."""
        items = [
            {
                "Update": {
                    "TableName": self._table,
                    "Key": {"id": {"S": key}},
                    "UpdateExpression": "ADD changes :unspent",
                    "ExpressionAttributeValues": {":unspent": {"N": str(-unspent)}},
                }
            }
            for (_, key), unspent in self._held.items()
            if unspent > 0
        ]
        self._held.clear()
        return items


def _start(previous: Mapping[str, Any] | None) -> tuple[str, int] | None:
    """Where the attempt taken over began: a takeover keeps it, so that the intents of every attempt since the
    finding was first claimed stay in reach (an attempt may end before it settled those it took over)."""
    if not previous or not previous.get("stream") or not str(previous.get("after_seq", "")).isdigit():
        return None
    return str(previous["stream"]), int(previous["after_seq"])


def _refusal(reason: Mapping[str, Any]) -> dict[str, Any] | None:
    """The old item that refused a transaction's item ({} when it is gone); None when it was not refused."""
    return dict(reason.get("Item", {})) if reason.get("Code") == "ConditionalCheckFailed" else None


def _key(finding: str) -> str:
    return f"finding#{finding}"


def _text(item: Mapping[str, Any], name: str) -> str:
    value = item.get(name)
    if isinstance(value, Mapping):
        return str(value.get("S", value.get("N", "")))
    return "" if value is None else str(value)


def _number(item: Mapping[str, Any], name: str) -> float:
    try:
        return float(_text(item, name) or 0)
    except ValueError:
        return 0.0


def _plain(item: Mapping[str, Any]) -> dict[str, Any]:
    """A DynamoDB item as plain values (strings and numbers are all this table holds)."""
    return {name: _text(item, name) for name in item}
