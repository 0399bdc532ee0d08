"""The remediation worker: one SQS message, one finding, remediated at most once."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import botocore.exceptions
from warden.remediations.claims import DEFAULT_IN_PROGRESS_MS, Claim, ClaimError, Claims, Standing

from warden.aws import AWS_ERRORS, arn_partition, is_known_region, with_retries
from warden.collectors.base import classify
from warden.findings import Finding, MalformedFindingError
from warden.ledger import Ledger, Outcome, input_record, stream_name
from warden.model import WardenError, sanitise_text, truncate
from warden.reconcile import DEFAULT_GRACE, sweep
from warden.registry import Registry, UnknownRuleError, load_rules
from warden.remediate import ChangeBudget, Pending, Remediator, Result, attempt_so_far

log = logging.getLogger(__name__)
REASON_ATTRIBUTE = "warden_rejection_reason"
LAST_STOP_ATTEMPTS = 6  # tries of each write that dead-letters a message, on top of the SDK's own
T = TypeVar("T")


class RetriableRemediationError(WardenError):
    """The fix failed for a reason that may pass (throttling, 5xx): raise so SQS delivers it again."""


class BothBudgets:
    """A change must fit the per-invocation cap and the shared hourly window."""

    def __init__(self, *budgets: ChangeBudget) -> None:
        self._budgets = budgets
        self.refused: dict[str, int] = {}

    def take(self, rule_id: str) -> bool:
        if all(b.take(rule_id) for b in self._budgets):
            return True
        self.refused[rule_id] = self.refused.get(rule_id, 0) + 1
        return False


@dataclass(frozen=True)
class Rejection:
    """Why a finding is not acted on, and the audit record's error code for it."""

    code: str
    reason: str


def admission(
    finding: Finding,
    *,
    account_id: str,
    partition: str,
    registry: Registry,
    members: Container[str] | None = None,
) -> Rejection | None:
    """Why a worker in `account_id` and `partition` must not act on this finding, or None.

    Its own account (or, given the organization's `members`, an active member account) and partition only,
    a region that exists there, a rule it knows for a type that rule evaluates.
    """
    evaluation = finding.evaluation
    named = evaluation.account_id
    if members is None and named != account_id:
        return Rejection("ForeignAccount", f"finding names account {named}, not this one ({account_id})")
    if members is not None and named != account_id and named not in members:
        return Rejection("ForeignAccount", f"finding names account {named}, not an active member of the organization")
    arn_in = arn_partition(evaluation.resource_arn)
    if arn_in is not None and arn_in != partition:
        return Rejection("ForeignPartition", f"resource ARN is in partition {arn_in!r}, not {partition!r}")
    arn_account = _arn_account(evaluation.resource_arn)
    if arn_account and arn_account != named:
        return Rejection("ForeignAccount", f"resource ARN names account {arn_account}, not the finding's ({named})")
    if not is_known_region(evaluation.region, partition):
        return Rejection("UnknownRegion", f"region {evaluation.region!r} is not a region of partition {partition!r}")
    try:
        rule = registry.get(evaluation.rule_id)
    except UnknownRuleError:
        return Rejection("UnknownRule", f"rule {evaluation.rule_id!r} is not known to this worker (deployed ahead?)")
    if not rule.applies_to(evaluation.resource_type):
        return Rejection("UndeclaredResourceType", f"rule {rule.id} does not evaluate {evaluation.resource_type}")
    return None


@dataclass(frozen=True)
class Delivery:
    """One SQS message as Lambda hands it over."""

    body: str
    message_id: str
    receive_count: int = 1


# What a delivery comes to: its result, or the error SQS must deliver it again for.
DeliveryOutcome = dict[str, Any] | RetriableRemediationError


@dataclass
class _Finding:
    """A finding of the batch: the deliveries carrying it (the first is served), its claim and its fate."""

    finding: Finding
    deliveries: list[int]
    claim: Claim | None = None
    remediator: Remediator | None = None
    pending: Pending | None = None
    result: dict[str, Any] | None = None  # {"status": "handled" | "duplicate", ...}
    retriable: Result | None = None  # a result whose failure may pass: the claim is released for a retry
    error: BaseException | None = None


class Worker:
    def __init__(
        self,
        remediator: Remediator,
        ledger: Ledger,
        *,
        sqs: Any,
        dlq_url: str | None,
        claims: Claims,
        account_id: str,
        region: str,
        partition: str = "aws",
        registry: Registry | None = None,
        max_receives: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
        members: Container[str] | None = None,
        remediator_for: Callable[[str], Remediator] | None = None,
    ) -> None:
        """Organization mode, with `members` and `remediator_for`: findings of member accounts are admitted
        and remediated through `remediator_for(account)` (its member remediation role)."""
        self._remediator = remediator
        self._members = members
        self._remediator_for = remediator_for
        self._ledger = ledger
        self._sqs = sqs
        self._dlq_url = dlq_url
        self._claims = claims
        self._account_id = account_id
        self._region = region
        self._partition = partition
        self._registry = registry or load_rules()
        self._max_receives = max_receives
        self._sleep = sleep

    def _remediator_in(self, account_id: str) -> Remediator:
        """The remediator acting in `account_id`: its member remediation role in organization mode."""
        return self._remediator if self._remediator_for is None else self._remediator_for(account_id)

    def process(self, body: str, message_id: str, receive_count: int = 1) -> dict[str, Any]:
        """One message: served, rejected, or RetriableRemediationError raised (SQS delivers it again)."""
        outcome = self.process_batch([Delivery(body, message_id, receive_count)])[0]
        if isinstance(outcome, RetriableRemediationError):
            raise outcome
        return outcome

    def process_batch(
        self, deliveries: Sequence[Delivery], in_progress_ms: int = DEFAULT_IN_PROGRESS_MS
    ) -> list[DeliveryOutcome]:
        """Each delivery's result, or the RetriableRemediationError SQS must deliver it again for.

        The batch is handled in phases, so that its claims, ledger writes and budget cost a few calls
        whatever its size: claim every finding (one transaction); re-read, plan and record DETECTED and
        INTENT (one ledger block); apply and verify the changes (one block of outcomes); settle the claims
        (one transaction). On the last receive SQS allows, a retriable failure is dead-lettered here with
        its reason: SQS's own redrive would move the message with none. `in_progress_ms` is how long this
        invocation may still run: a claim older than that was abandoned."""
        outcomes: list[DeliveryOutcome | None] = [None] * len(deliveries)
        batch: dict[str, _Finding] = {}
        for index, delivery in enumerate(deliveries):
            finding: Finding | None = None
            try:
                try:
                    finding = Finding.from_message(delivery.body)
                except MalformedFindingError as exc:
                    rejection: Rejection | None = Rejection("MalformedFinding", str(exc))
                else:
                    rejection = self.admission(finding)
                if rejection:
                    outcomes[index] = self._reject(delivery.body, delivery.message_id, rejection, finding)
                elif finding is not None:
                    batch.setdefault(finding.finding_id, _Finding(finding, [])).deliveries.append(index)
            except Exception as exc:  # noqa: BLE001 - auditing the rejection failed: retried or dead-lettered
                outcomes[index] = self._on_error(delivery, finding, exc)
        if batch:
            self._serve(batch, in_progress_ms)
            for entry in batch.values():
                first, *copies = entry.deliveries
                outcomes[first] = self._outcome(deliveries[first], entry)
                for index in copies:
                    outcomes[index] = self._copy_outcome(deliveries[index], entry, outcomes[first])
        done = [o for o in outcomes if o is not None]
        assert len(done) == len(deliveries), "every delivery comes to a result or an error"
        return done

    def _serve(self, batch: dict[str, _Finding], in_progress_ms: int) -> None:
        try:
            starts = {}
            for finding_id, entry in batch.items():
                stream = stream_name(entry.finding.evaluation.account_id, entry.finding.evaluation.region)
                starts[finding_id] = (stream, self._ledger.head(stream))
            # The hourly window's share for the changes the batch may make is reserved in the same call.
            rules = [entry.finding.evaluation.rule_id for entry in batch.values()]
            may_change = Counter(rule for rule in rules if self._remediator.may_change(rule))
            claims = self._claims.claim(starts, in_progress_ms, reserve=may_change)
        except Exception as exc:  # noqa: BLE001 - each delivery is retried or dead-lettered for it
            for entry in batch.values():
                entry.error = exc
            return
        claimed: list[_Finding] = []
        for finding_id, entry in batch.items():
            entry.claim = claims[finding_id]
            if entry.claim.standing is Standing.BUSY:
                entry.error = RetriableRemediationError(f"finding {finding_id} is being handled by another delivery")
            elif entry.claim.standing is Standing.COMPLETED:
                entry.result = {**entry.claim.result, "status": "duplicate"}
            else:
                claimed.append(entry)
        attempt = next((e.claim.attempt for e in claimed if e.claim), "")
        for round_ in _rounds(claimed):
            self._remediate(round_)
        self._audit_duplicates(batch.values())
        self._settle_claims(attempt, claimed)

    def _remediate(self, entries: list[_Finding]) -> None:
        """Findings on distinct resources: every intent on record before any change is made."""
        try:
            with self._ledger.buffered():  # DETECTED, INTENT and every outcome decided before any change
                for entry in entries:
                    self._prepare(entry)
                self._commit([e for e in entries if e.pending is not None])
        except Exception as exc:  # noqa: BLE001 - nothing was written, so nothing was changed
            for entry in entries:
                entry.error, entry.pending, entry.result = exc, None, None
        changing = [e for e in entries if e.pending is not None]
        if changing:
            try:
                with self._ledger.buffered():  # the outcomes of the changes
                    for entry in changing:
                        self._carry_out(entry)
            except Exception as exc:  # noqa: BLE001 - changed, outcomes lost: the redelivery reconciles them
                for entry in changing:
                    entry.error, entry.result = exc, None

    def _prepare(self, entry: _Finding) -> None:
        finding = entry.finding
        try:
            entry.remediator = self._remediator_in(finding.evaluation.account_id)
            earlier: list[dict[str, Any]] = []
            previous = entry.claim.previous if entry.claim else None
            if previous:
                stream, after = str(previous.get("stream", "")), int(previous.get("after_seq") or 0)
                records = self._ledger.records_after(stream, after)
                earlier, concluded = attempt_so_far(r for r in records if r.get("finding_id") == finding.finding_id)
                if concluded is not None:  # the attempt taken over ended, but its claim was never settled
                    entry.result = {**_result_of(concluded), "status": "duplicate"}
                    return
            prepared = entry.remediator.prepare(
                finding.evaluation,
                finding_id=finding.finding_id,
                source_event_id=finding.source_event_id,
                earlier_intents=earlier,
            )
        except Exception as exc:  # noqa: BLE001 - one finding's failure must not cost the others
            entry.error = exc
            return
        if isinstance(prepared, Result):
            self._conclude(entry, prepared)
        else:
            entry.pending = prepared

    def _commit(self, entries: list[_Finding]) -> None:
        """Take each change's budget (the hourly window's share was reserved with the claims) and record its
        intent, or its cap."""
        for entry in entries:
            assert entry.remediator is not None and entry.pending is not None
            try:
                capped = entry.remediator.commit(entry.pending)
            except Exception as exc:  # noqa: BLE001 - the shared window failed: this change is not made
                entry.error, entry.pending = exc, None
                continue
            if capped is not None:
                entry.pending = None
                self._conclude(entry, capped)

    def _carry_out(self, entry: _Finding) -> None:
        assert entry.remediator is not None and entry.pending is not None
        try:
            self._conclude(entry, entry.remediator.carry_out(entry.pending))
        except Exception as exc:  # noqa: BLE001 - recorded as this finding's failure
            entry.error = exc

    @staticmethod
    def _conclude(entry: _Finding, result: Result) -> None:
        if result.retriable:
            entry.retriable = result
            return
        entry.result = {
            "status": "handled",
            "outcome": result.outcome.value,
            "record_id": result.record_id,
            "rule_id": result.rule_id,
            "resource_arn": result.resource_arn,
            "detail": result.detail[:500],
        }

    def _audit_duplicates(self, entries: Iterable[_Finding]) -> None:
        """A DUPLICATE record for each copy of a finding already handled (the claim's or this batch's)."""
        duplicates = []
        for entry in entries:
            if entry.result is not None:
                # Every delivery of a finding handled before is a duplicate; of one handled now, all but the first.
                served_now = entry.result["status"] == "handled"
                detail = (
                    f"duplicate delivery of finding {entry.finding.finding_id}: "
                    f"already {entry.result['outcome']} (record {entry.result['record_id']})"
                )
                duplicates += [(entry.finding, detail)] * (len(entry.deliveries) - served_now)
        if not duplicates:
            return
        try:
            with self._ledger.buffered():
                for finding, detail in duplicates:
                    self._audit_duplicate(finding, detail)
        except (*AWS_ERRORS, WardenError) as exc:  # the duplicate itself is harmless: only its record is lost
            log.error("could not audit %d duplicate deliveries: %s", len(duplicates), exc)

    def _settle_claims(self, attempt: str, claimed: list[_Finding]) -> None:
        completed = {
            e.finding.finding_id: {"outcome": e.result["outcome"], "record_id": e.result["record_id"]}
            for e in claimed
            if e.result is not None
        }
        released = [e.finding.finding_id for e in claimed if e.result is None]
        try:
            self._claims.settle(attempt, completed, released)
        except (*AWS_ERRORS, WardenError) as exc:
            # Unsettled claims lapse at their deadline; the next delivery then reads what the ledger holds.
            log.warning("could not settle %d claims: %s", len(claimed), exc)

    def _outcome(self, delivery: Delivery, entry: _Finding) -> DeliveryOutcome:
        if entry.result is not None:
            evaluation = entry.finding.evaluation
            return {"rule_id": evaluation.rule_id, "resource_arn": evaluation.resource_arn, **entry.result}
        if entry.retriable is not None:
            failed = entry.retriable
            retry = RetriableRemediationError(f"{failed.error_code}: {failed.detail}")
            return self._on_error(delivery, entry.finding, retry)
        assert entry.error is not None
        return self._on_error(delivery, entry.finding, entry.error)

    def _copy_outcome(self, delivery: Delivery, entry: _Finding, first: DeliveryOutcome | None) -> DeliveryOutcome:
        """A second copy of a finding in one batch: a duplicate of what the first came to."""
        if isinstance(first, dict) and first.get("status") in ("handled", "duplicate"):
            return {**first, "status": "duplicate"}
        retry = RetriableRemediationError(f"a copy of finding {entry.finding.finding_id} in this batch was not handled")
        return self._on_error(delivery, entry.finding, retry)

    def _on_error(self, delivery: Delivery, finding: Finding | None, exc: BaseException) -> DeliveryOutcome:
        """A failure: retried while SQS allows and it may pass, otherwise dead-lettered with its reason."""
        try:
            if isinstance(exc, ClaimError):  # other deliveries kept racing for the same findings
                exc = RetriableRemediationError(str(exc))
            if isinstance(exc, RetriableRemediationError):
                return self._retry_or_dead_letter(delivery, exc, finding)
            if isinstance(exc, AWS_ERRORS):  # the ledger, the claims or the window
                code, transient = classify(exc)
                if transient:
                    retry = RetriableRemediationError(f"{code}: {exc}")
                    return self._retry_or_dead_letter(delivery, retry, finding)
                return self._dead_letter(delivery.body, delivery.message_id, f"{code}: {exc}", finding)
            log.error("message %s: unexpected error", delivery.message_id, exc_info=exc)
            reason = f"internal error: {type(exc).__name__}: {exc}"
            return self._dead_letter(delivery.body, delivery.message_id, reason, finding)
        except RetriableRemediationError as cannot_dead_letter:
            return cannot_dead_letter

    def _retry_or_dead_letter(
        self, delivery: Delivery, exc: RetriableRemediationError, finding: Finding | None
    ) -> DeliveryOutcome:
        if self._max_receives is None or delivery.receive_count < self._max_receives:
            return exc
        reason = f"retries exhausted after {delivery.receive_count} receives; the last failure: {exc}"
        return self._dead_letter(delivery.body, delivery.message_id, reason, finding, code="RetriesExhausted")

    def admission(self, finding: Finding) -> Rejection | None:
        return admission(
            finding,
            account_id=self._account_id,
            partition=self._partition,
            registry=self._registry,
            members=self._members,
        )

    def _reject(
        self, body: str, message_id: str, rejection: Rejection, finding: Finding | None = None
    ) -> dict[str, Any]:
        """Invalid input: audited, to the DLQ once with its reason, acknowledged (never retried)."""
        reason = _short(rejection.reason)
        log.error("rejected message %s (%s): %s", message_id, rejection.code, reason)
        record = self._audit(message_id, Outcome.REJECTED, rejection.code, reason, finding)
        self._to_dlq(body, message_id, reason)
        return {"status": "rejected", "reason": reason, "code": rejection.code, "record_id": record["id"]}

    def _dead_letter(
        self, body: str, message_id: str, reason: str, finding: Finding | None, code: str = "Unprocessable"
    ) -> dict[str, Any]:
        """A failure no retry will cure: recorded as FAILED when the ledger can take it, and to the DLQ.

        Both writes are tried several times: this is the message's last stop (an intent it leaves open is
        settled by the sweep)."""
        reason = _short(reason)
        log.error("message %s to the DLQ: %s", message_id, reason)
        record_id = None
        try:
            record_id = self._persistently(lambda: self._audit(message_id, Outcome.FAILED, code, reason, finding))["id"]
        except (*AWS_ERRORS, WardenError) as exc:
            log.error("cannot audit message %s: %s", message_id, exc)
        try:
            self._persistently(lambda: self._to_dlq(body, message_id, reason))
        except AWS_ERRORS as exc:
            error, transient = classify(exc)
            if transient:
                raise RetriableRemediationError(f"{error}: cannot dead-letter: {exc}") from exc
            log.error("cannot dead-letter message %s (%s): %s; body: %.2000s", message_id, error, reason, body)
        return {"status": "failed", "reason": reason, "code": code, "record_id": record_id}

    def _persistently(self, write: Callable[[], T]) -> T:
        return with_retries(write, LAST_STOP_ATTEMPTS, self._sleep)

    def _audit(
        self, message_id: str, outcome: Outcome, code: str, reason: str, finding: Finding | None
    ) -> dict[str, Any]:
        # Recorded in this worker's own stream: nothing was done in whatever account the message names.
        claimed = ""
        if finding:
            evaluation = finding.evaluation
            claimed = f" (finding {finding.finding_id}: {evaluation.rule_id} on {evaluation.resource_arn})"
        return self._ledger.append(
            input_record(
                account=self._account_id,
                region=self._region,
                actor=self._remediator.actor,
                outcome=outcome,
                code=code,
                detail=f"message {message_id} {outcome.value.lower()}: {reason}{claimed}",
                finding_id=finding.finding_id if finding else None,
            )
        )

    def _to_dlq(self, body: str, message_id: str, reason: str) -> None:
        if not self._dlq_url:
            return
        self._sqs.send_message(
            QueueUrl=self._dlq_url,
            MessageBody=sqs_text(body) or "(empty)",
            MessageAttributes={
                REASON_ATTRIBUTE: {"DataType": "String", "StringValue": sqs_text(reason)},
                "warden_source_message_id": {"DataType": "String", "StringValue": sqs_text(message_id) or "-"},
            },
        )

    def sweep(self, grace: dt.timedelta = DEFAULT_GRACE, max_batches: int = 10) -> dict[str, Any]:
        """The scheduled pass: settle intents no delivery came back for, give every message SQS moved to
        the DLQ on its own a reason and a record, and anchor the ledger."""
        summary: dict[str, Any] = {"settled": {}, "still_open": 0, "dead_letters_annotated": 0, "errors": []}
        # Each part on its own: a failure in one (the next schedule tries again) must not stop the other.
        try:
            report = sweep(self._remediator_in, self._ledger, grace=grace)
            summary.update(settled=report.settled, still_open=report.still_open)
        except (*AWS_ERRORS, WardenError) as exc:
            log.error("the sweep could not settle intents: %s", exc)
            summary["errors"].append(f"settling intents: {exc}")
        try:
            summary["dead_letters_annotated"] = self.annotate_dead_letters(max_batches)
        except (*AWS_ERRORS, WardenError) as exc:  # RetriableRemediationError included
            log.error("the sweep could not annotate dead letters: %s", exc)
            summary["errors"].append(f"annotating dead letters: {exc}")
        self.anchor_ledger()
        return summary

    def annotate_dead_letters(self, max_batches: int = 10) -> int:
        """DLQ messages without a reason (moved by SQS's redrive after a crash or timeout on the last
        receive): each is audited as FAILED and replaced by a copy that carries the reason."""
        if not self._dlq_url:
            return 0
        annotated, passed_over = 0, []
        try:
            for _ in range(max_batches):  # bounded: a sweep must end even on a deep DLQ
                receive = functools.partial(
                    self._sqs.receive_message,
                    QueueUrl=self._dlq_url,
                    MaxNumberOfMessages=10,
                    MessageAttributeNames=["All"],
                    VisibilityTimeout=120,  # hidden while this sweep pages through the queue, then released
                )
                messages = self._persistently(receive).get("Messages", [])
                if not messages:
                    break
                for message in messages:
                    if REASON_ATTRIBUTE in message.get("MessageAttributes", {}):
                        passed_over.append(message["ReceiptHandle"])
                        continue
                    self._annotate(message)
                    annotated += 1
        finally:
            self._release(passed_over)
        return annotated

    def _annotate(self, message: dict[str, Any]) -> None:
        body, message_id = message.get("Body", ""), message["MessageId"]
        try:
            finding: Finding | None = Finding.from_message(body)
        except MalformedFindingError:
            finding = None
        reason = "moved to the DLQ by SQS after its last receive failed without a recorded reason"
        self._dead_letter(body, message_id, reason, finding, code="RetriesExhausted")
        self._persistently(
            lambda: self._sqs.delete_message(QueueUrl=self._dlq_url, ReceiptHandle=message["ReceiptHandle"])
        )

    def _release(self, receipt_handles: list[str]) -> None:
        """Dead letters this sweep looked at, visible again at once for whoever inspects the DLQ (if this
        fails, they reappear when their visibility timeout ends)."""
        for start in range(0, len(receipt_handles), 10):
            entries = [
                {"Id": str(i), "ReceiptHandle": handle, "VisibilityTimeout": 0}
                for i, handle in enumerate(receipt_handles[start : start + 10])
            ]
            release = functools.partial(
                self._sqs.change_message_visibility_batch, QueueUrl=self._dlq_url, Entries=entries
            )
            try:
                self._persistently(release)
            except AWS_ERRORS as exc:
                log.warning("dead letters stay hidden until their visibility timeout ends: %s", exc)

    def anchor_ledger(self) -> None:
        """Digest the ledger's heads after a batch; a failure only widens the unanchored window."""
        try:
            self._ledger.write_digest()
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as exc:
            log.warning("the audit ledger's heads were not anchored: %s", exc)

    def _audit_duplicate(self, finding: Finding, detail: str) -> None:
        self._remediator.record_duplicate(
            finding.evaluation, detail, finding_id=finding.finding_id, source_event_id=finding.source_event_id
        )


# Characters SQS accepts in a message: anything else (NUL, lone surrogates) makes SendMessage fail.
_NOT_SQS_TEXT = re.compile("[^\\x09\\x0a\\x0d\\x20-\\ud7ff\\ue000-\\ufffd\\U00010000-\\U0010ffff]")


def sqs_text(text: str) -> str:
    """`text` with every character SQS refuses written as a `\\uXXXX` escape, so the copy always sends."""
    return _NOT_SQS_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _short(reason: str) -> str:
    """A reason fit for a message attribute and an audit record: valid text, at most 1000 characters."""
    return truncate(sanitise_text(reason), 1000)


def _arn_account(arn: str) -> str | None:
    parts = arn.split(":", 5)
    return parts[4] if len(parts) == 6 and parts[0] == "arn" else None


def _rounds(entries: list[_Finding]) -> list[list[_Finding]]:
    """The findings in rounds with at most one per resource, in order: a finding on a resource that
    another finding's fix changes is planned only after that change (by then it may be fixed too)."""
    rounds: list[list[_Finding]] = []
    seen: Counter[str] = Counter()
    for entry in entries:
        arn = entry.finding.evaluation.resource_arn
        if seen[arn] == len(rounds):
            rounds.append([])
        rounds[seen[arn]].append(entry)
        seen[arn] += 1
    return rounds


def _result_of(record: Mapping[str, Any]) -> dict[str, Any]:
    """The result an audit record states."""
    return {"outcome": record["outcome"], "record_id": record["id"], "detail": str(record.get("detail", ""))[:500]}
