"""Lambda entry point for the remediation queue (SNS -> SQS -> here), with partial batch responses, and for
the scheduled sweep that settles what the queue gave up on."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSEvent, SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

logger = Logger(service="warden-remediation")
tracer = Tracer(service="warden-remediation")
metrics = Metrics(namespace="Warden", service="warden-remediation")
processor = BatchProcessor(event_type=EventType.SQS)
_worker: Any = None
_outcomes: dict[str, Any] = {}  # message id -> what the worker's batch made of it


def _build() -> Any:
    """Everything is read from the environment once per container."""
    from warden.remediations.claims import Claims, WindowBudget
    from warden.remediations.worker import BothBudgets, Worker

    from warden.aws import Clients
    from warden.exemptions import Exemptions
    from warden.ledger import Ledger, S3Store
    from warden.organization import MemberClients, Members
    from warden.remediate import Remediator, RunBudget
    from warden.settings import Settings

    clients = Clients()
    settings = Settings.from_dict(json.loads(os.environ.get("WARDEN_SETTINGS_JSON", "{}")))
    exemptions = Exemptions.from_dict(json.loads(os.environ.get("WARDEN_EXEMPTIONS_JSON", '{"exemptions": []}')))
    table = os.environ["WARDEN_IDEMPOTENCY_TABLE"]
    dynamodb = clients.client("dynamodb")
    ledger = Ledger(S3Store(clients.client("s3"), os.environ["WARDEN_AUDIT_BUCKET"]))
    window = WindowBudget(dynamodb, table, settings.max_changes_per_rule_per_hour)
    budget = BothBudgets(RunBudget(settings.max_changes_per_rule), window)
    remediator = Remediator(clients, ledger, settings=settings, exemptions=exemptions, budget=budget)
    members: Members | None = None
    remediator_for: Callable[[str], Remediator] | None = None
    if remediation_role := os.environ.get("WARDEN_MEMBER_REMEDIATION_ROLE"):  # set: organization mode
        members = Members(clients)
        member_clients = MemberClients(clients, members, remediation_role)

        @functools.cache
        def in_account(account_id: str) -> Remediator:
            """One per account, so each keeps its assumed role's credentials and actor."""
            if account_id == clients.account_id:
                return remediator
            return Remediator(
                member_clients(account_id), ledger, settings=settings, exemptions=exemptions, budget=budget
            )

        remediator_for = in_account
    return Worker(
        remediator,
        ledger,
        sqs=clients.client("sqs"),
        dlq_url=os.environ.get("WARDEN_DLQ_URL"),
        claims=Claims(dynamodb, table, window=window),
        account_id=clients.account_id,
        region=os.environ.get("AWS_REGION", "us-east-1"),
        partition=clients.partition,
        max_receives=int(os.environ["WARDEN_MAX_RECEIVES"]) if os.environ.get("WARDEN_MAX_RECEIVES") else None,
        members=members,
        remediator_for=remediator_for,
    )


def worker() -> Any:
    global _worker
    if _worker is None:
        _worker = _build()
    return _worker


@tracer.capture_method
def record_handler(record: SQSRecord) -> dict[str, Any]:
    """What the batch made of this message: its result, or the error that has SQS deliver it again."""
    outcome = _outcomes.pop(record.message_id, None)
    if outcome is None:  # not in the batch the worker saw (a record without a message id): served alone
        outcome = worker().process_batch([_delivery(record, _receives(record.raw_event))])[0]
    if isinstance(outcome, Exception):
        raise outcome
    result: dict[str, Any] = outcome
    metrics.add_metric(name=f"Findings{result['status'].title()}", unit=MetricUnit.Count, value=1)
    if result["status"] == "failed" or result.get("outcome") == "FAILED":
        # One metric for the alarm: a fix that ran and failed, or a finding dead-lettered unhandled.
        metrics.add_metric(name="RemediationsFailed", unit=MetricUnit.Count, value=1)
    logger.info(
        "finding processed",
        extra={"message_id": record.message_id, **{k: result.get(k) for k in ("status", "outcome", "record_id")}},
    )
    return result


def _receives(raw: dict[str, Any]) -> int:
    """The record's ApproximateReceiveCount: 1 when it is missing or not a number."""
    attributes = raw.get("attributes")
    count = str(attributes.get("ApproximateReceiveCount") if isinstance(attributes, dict) else "")
    return int(count) if count.isdigit() else 1


def _delivery(record: SQSRecord, receives: int) -> Any:
    from warden.remediations.worker import Delivery

    return Delivery(str(record.body or ""), str(record.message_id), receives)


def _batch(event: dict[str, Any], context: LambdaContext) -> None:
    """The whole batch through the worker at once (its claims, ledger blocks and budget are per batch);
    the batch processor then reports each message's part."""
    records = [r for r in SQSEvent(event).records if isinstance(r.raw_event, dict) and r.raw_event.get("messageId")]
    deliveries = [_delivery(r, _receives(r.raw_event)) for r in records]
    outcomes = worker().process_batch(deliveries, in_progress_ms=context.get_remaining_time_in_millis())
    _outcomes.update(zip((r.message_id for r in records), outcomes, strict=True))


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> Any:
    if event.get("detail-type") == "Scheduled Event":
        report = worker().sweep()
        metrics.add_metric(name="IntentsSettledBySweep", unit=MetricUnit.Count, value=sum(report["settled"].values()))
        metrics.add_metric(name="SweepErrors", unit=MetricUnit.Count, value=len(report["errors"]))
        logger.info("sweep done", extra=report)
        return report
    try:
        if isinstance(event.get("Records"), list):
            _batch(event, context)
        return process_partial_response(
            event=event, record_handler=record_handler, processor=processor, context=context
        )
    finally:
        _outcomes.clear()
        worker().anchor_ledger()  # after every batch: the audit ledger's heads, anchored
