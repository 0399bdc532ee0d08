"""Lambda entry point for CloudTrail management events, from EventBridge directly or through SQS."""

from __future__ import annotations

import json
import os
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

logger = Logger(service="warden-trail")
tracer = Tracer(service="warden-trail")
metrics = Metrics(namespace="Warden", service="warden-trail")
processor = BatchProcessor(event_type=EventType.SQS)
_detector: Any = None
_audit: Any = None


class RetriableDetectionError(Exception):
    """The one error the handler raises: a transient AWS failure (throttling, 5xx); SQS delivers it again.

    Every other outcome (evaluated, ignored, rejected, failed) is acknowledged.
    """


def _build() -> Any:
    from warden.trail.detector import Detector

    from warden.aws import Clients
    from warden.findings import Publisher
    from warden.organization import MemberClients, Members
    from warden.registry import load_rules
    from warden.settings import Settings

    clients = Clients()
    settings = Settings.from_dict(json.loads(os.environ.get("WARDEN_SETTINGS_JSON", "{}")))
    read_role = os.environ.get("WARDEN_MEMBER_READ_ROLE")  # set: organization mode
    return Detector(
        clients,
        load_rules(),
        Publisher(clients.client("sns"), os.environ["WARDEN_FINDINGS_TOPIC_ARN"]),
        account_id=os.environ.get("WARDEN_ACCOUNT_ID") or clients.account_id,
        partition=clients.partition,
        own_roles=os.environ.get("WARDEN_REMEDIATION_ROLE_ARNS", "").split(","),
        parameters=settings.parameters,
        member_clients=MemberClients(clients, Members(clients), read_role) if read_role else None,
        member_remediation_role=os.environ.get("WARDEN_MEMBER_REMEDIATION_ROLE") or None,
    )


def audit() -> Any:
    global _audit
    if _audit is None:
        from warden.ledger import InputAudit

        _audit = InputAudit.from_environment()
    return _audit


def _audit_rejection(reason: str, event_id: str | None) -> str | None:
    from warden.ledger import Outcome

    record_id: str | None = audit()(Outcome.REJECTED, "InvalidTrailEvent", f"event {event_id} rejected: {reason}")
    return record_id


def detector() -> Any:
    global _detector
    if _detector is None:
        _detector = _build()
    return _detector


@tracer.capture_method
def detect(event: Any) -> dict[str, Any]:
    detection = detector().handle(event)
    metrics.add_metric(name=f"Events{detection.status.title()}", unit=MetricUnit.Count, value=1)
    metrics.add_metric(name="Findings", unit=MetricUnit.Count, value=len(detection.findings))
    logger.info(
        detection.reason,
        extra={
            "status": detection.status,
            "event_id": detection.event_id,
            "findings": len(detection.findings),
            "errors": detection.errors,
        },
    )
    if detection.retriable:
        raise RetriableDetectionError("; ".join(detection.errors))
    summary: dict[str, Any] = detection.to_dict()
    if detection.status == "rejected":
        summary["record_id"] = _audit_rejection(detection.reason, detection.event_id)
    return summary


def record_handler(record: SQSRecord) -> dict[str, Any]:
    try:
        event = json.loads(record.body)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
        logger.warning("rejected message: body is not JSON", extra={"message_id": record.message_id})
        record_id = _audit_rejection(f"SQS message {record.message_id}: body is not JSON", None)
        return {"status": "rejected", "reason": "body is not JSON", "record_id": record_id}
    return detect(event)


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: Any, context: LambdaContext) -> Any:
    if isinstance(event, dict) and "Records" in event:  # EventBridge -> SQS -> Lambda
        return process_partial_response(
            event=event, record_handler=record_handler, processor=processor, context=context
        )
    return detect(event)  # EventBridge -> Lambda
