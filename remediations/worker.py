"""The remediation worker: one SQS message, one finding, remediated at most once."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import time
import uuid
from collections.abc import Callable, Container
from dataclasses import dataclass
from typing import Any, TypeVar

import botocore.exceptions
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyPersistenceLayerError,
)

from warden.aws import AWS_ERRORS, arn_partition, error_code, is_known_region, with_retries
from warden.collectors.base import classify
from warden.findings import Finding, MalformedFindingError
from warden.ledger import Ledger, Outcome, input_record
from warden.model import WardenError, sanitise_text, truncate
from warden.reconcile import DEFAULT_GRACE, sweep
from warden.registry import Registry, UnknownRuleError, load_rules
from warden.remediate import ChangeBudget, Remediator

log = logging.getLogger(__name__)
REASON_ATTRIBUTE = "warden_rejection_reason"
LAST_STOP_ATTEMPTS = 6  # tries of each write that dead-letters a message, on top of the SDK's own
T = TypeVar("T")


class RetriableRemediationError(WardenError):
    """The fix failed for a reason that may pass (throttling, 5xx): raise so SQS delivers it again."""


class WindowBudget:
    """At most `limit` changes per rule per clock hour, shared by every worker through DynamoDB."""

    def __init__(self, dynamodb: Any, table: str, limit: int, clock: Callable[[], dt.datetime] | None = None) -> None:
        self._dynamodb = dynamodb
        self._table = table
        self.limit = limit
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))

    def take(self, rule_id: str) -> bool:
        now = self._clock()
        try:
            self._dynamodb.update_item(
                TableName=self._table,
                Key={"id": {"S": f"budget#{rule_id}#{now:%Y%m%d%H}"}},
                UpdateExpression="ADD changes :one SET expiration = :expires",
                ConditionExpression="attribute_not_exists(changes) OR changes < :limit",
                ExpressionAttributeValues={
                    ":one": {"N": "1"},
                    ":limit": {"N": str(self.limit)},
                    ":expires": {"N": str(int(now.timestamp()) + 7200)},
                },
            )
        except botocore.exceptions.ClientError as exc:
            if error_code(exc) == "ConditionalCheckFailedException":
                return False
            raise
        return True


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


class Worker:
    def __init__(
        self,
        remediator: Remediator,
        ledger: Ledger,
        *,
        sqs: Any,
        dlq_url: str | None,
        persistence: Any,
        idempotency_config: Any,
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
        from aws_lambda_powertools.utilities.idempotency import idempotent_function

        self._remediator = remediator
        self._members = members
        self._remediator_for = remediator_for
        self._ledger = ledger
        self._sqs = sqs
        self._dlq_url = dlq_url
        self._account_id = account_id
        self._region = region
        self._partition = partition
        self._registry = registry or load_rules()
        self.idempotency_config = idempotency_config
        self._max_receives = max_receives
        self._sleep = sleep
        self._once = idempotent_function(
            data_keyword_argument="finding", persistence_store=persistence, config=idempotency_config
        )(self._remediate)

    def _remediator_in(self, account_id: str) -> Remediator:
        """The remediator acting in `account_id`: its member remediation role in organization mode."""
        return self._remediator if self._remediator_for is None else self._remediator_for(account_id)

    def process(self, body: str, message_id: str, receive_count: int = 1) -> dict[str, Any]:
        """Serve, reject or raise RetriableRemediationError (the only error that leaves: SQS retries it).

        On the last receive SQS allows, a retriable failure is dead-lettered here with its reason instead:
        SQS's own redrive would move the message with none."""
        finding: Finding | None = None
        try:
            try:
                finding = Finding.from_message(body)
            except MalformedFindingError as exc:
                return self._reject(body, message_id, Rejection("MalformedFinding", str(exc)))
            rejection = self.admission(finding)
            if rejection:
                return self._reject(body, message_id, rejection, finding)
            return self._serve(finding)
        except RetriableRemediationError as exc:
            return self._retry_or_dead_letter(body, message_id, receive_count, exc, finding)
        except IdempotencyAlreadyInProgressError as exc:
            # Another delivery of this finding is being handled right now; if it fails, this copy must remain.
            retriable = RetriableRemediationError(f"already in progress: {exc}")
            return self._retry_or_dead_letter(body, message_id, receive_count, retriable, finding)
        except (*AWS_ERRORS, IdempotencyPersistenceLayerError) as exc:  # the ledger or the idempotency table
            code, transient = classify(_aws_cause(exc))
            if transient:
                retriable = RetriableRemediationError(f"{code}: {exc}")
                return self._retry_or_dead_letter(body, message_id, receive_count, retriable, finding)
            return self._dead_letter(body, message_id, f"{code}: {exc}", finding)
        except Exception as exc:  # noqa: BLE001 - a bug must not loop through SQS into the DLQ without a reason
            log.exception("message %s: unexpected error", message_id)
            return self._dead_letter(body, message_id, f"internal error: {type(exc).__name__}: {exc}", finding)

    def _retry_or_dead_letter(
        self, body: str, message_id: str, receive_count: int, exc: RetriableRemediationError, finding: Finding | None
    ) -> dict[str, Any]:
        if self._max_receives is None or receive_count < self._max_receives:
            raise exc
        reason = f"retries exhausted after {receive_count} receives; the last failure: {exc}"
        return self._dead_letter(body, message_id, reason, finding, code="RetriesExhausted")

    def admission(self, finding: Finding) -> Rejection | None:
        return admission(
            finding,
            account_id=self._account_id,
            partition=self._partition,
            registry=self._registry,
            members=self._members,
        )

    def _serve(self, finding: Finding) -> dict[str, Any]:
        token = str(uuid.uuid4())
        result = self._once(finding=finding.to_message(), token=token)
        if result["token"] != token:
            # Powertools answered from its record: this delivery is a duplicate of one already handled.
            detail = (
                f"duplicate delivery of finding {finding.finding_id}: "
                f"already {result['outcome']} (record {result['record_id']})"
            )
            self._audit_duplicate(finding, detail)
            return {**result, "status": "duplicate"}
        return {**result, "status": "handled"}

    def _remediate(self, finding: dict[str, Any], token: str) -> dict[str, Any]:
        parsed = Finding.from_message(finding)
        account = parsed.evaluation.account_id
        remediator = self._remediator_in(account)
        result = remediator.handle(
            parsed.evaluation, finding_id=parsed.finding_id, source_event_id=parsed.source_event_id
        )
        if result.retriable:
            # Raising inside the idempotent call clears its record, so the redelivery really retries.
            raise RetriableRemediationError(f"{result.error_code}: {result.detail}")
        return {
            "token": token,
            "outcome": result.outcome.value,
            "record_id": result.record_id,
            "rule_id": result.rule_id,
            "resource_arn": result.resource_arn,
            "detail": result.detail[:500],
        }

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


def _aws_cause(exc: BaseException) -> BaseException:
    """The AWS error behind a Powertools persistence error (it wraps the DynamoDB failure)."""
    cause = exc.__cause__
    return cause if cause is not None and isinstance(cause, AWS_ERRORS) else exc
