"""The remediation worker: one SQS message, one finding, remediated at most once."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from typing import Any

import botocore.exceptions

from warden.aws import error_code
from warden.findings import Finding, MalformedFindingError
from warden.ledger import Ledger, Outcome
from warden.model import WardenError
from warden.remediate import ChangeBudget, Remediator

log = logging.getLogger(__name__)
REASON_ATTRIBUTE = "warden_rejection_reason"


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
    ) -> None:
        from aws_lambda_powertools.utilities.idempotency import idempotent_function

        self._remediator = remediator
        self._ledger = ledger
        self._sqs = sqs
        self._dlq_url = dlq_url
        self._account_id = account_id
        self._region = region
        self.idempotency_config = idempotency_config
        self._once = idempotent_function(
            data_keyword_argument="finding", persistence_store=persistence, config=idempotency_config
        )(self._remediate)

    def process(self, body: str, message_id: str) -> dict[str, Any]:
        try:
            finding = Finding.from_message(body)
        except MalformedFindingError as exc:
            return self._reject(body, message_id, str(exc))
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
        result = self._remediator.handle(
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

    def _reject(self, body: str, message_id: str, reason: str) -> dict[str, Any]:
        """A poison message: to the DLQ with its reason, audited, acknowledged (never retried forever)."""
        log.error("rejected message %s: %s", message_id, reason)
        if self._dlq_url:
            self._sqs.send_message(
                QueueUrl=self._dlq_url,
                MessageBody=body or "(empty)",
                MessageAttributes={
                    REASON_ATTRIBUTE: {"DataType": "String", "StringValue": reason[:1000]},
                    "warden_source_message_id": {"DataType": "String", "StringValue": message_id},
                },
            )
        record = self._ledger.append(
            {
                "account": self._account_id,
                "region": self._region,
                "rule": None,
                "controls": [],
                "resource_arn": None,
                "actor": self._remediator.actor,
                "mode": "auto",
                "outcome": Outcome.REJECTED.value,
                "error_code": "MalformedFinding",
                "before": None,
                "after": None,
                "detail": f"message {message_id} rejected: {reason}",
            }
        )
        return {"status": "rejected", "reason": reason, "record_id": record["id"]}

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
