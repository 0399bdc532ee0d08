"""Lambda entry point serving every Warden rule as an AWS Config custom rule.

The rule id comes from the rule's `wardenRuleId` input parameter (or its name, `warden-<rule id>`).
An invalid event is rejected (logged and audited with its reason, nothing raised, so Lambda does not retry
it); only a transient AWS failure raises `RetriableConfigError`, for Lambda's asynchronous retries.
"""

from __future__ import annotations

import os
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

logger = Logger(service="warden-config-rule")
tracer = Tracer(service="warden-config-rule")
metrics = Metrics(namespace="Warden", service="warden-config-rule")
_service: Any = None
_audit: Any = None


def _build() -> Any:
    """Settings are read once, on the first invocation of a fresh container."""
    from warden.rules.configrule import ConfigRuleService

    from warden.aws import Clients
    from warden.findings import Publisher
    from warden.organization import MemberClients, Members
    from warden.registry import load_rules

    clients = Clients()
    topic = os.environ.get("WARDEN_FINDINGS_TOPIC_ARN")
    publisher = Publisher(clients.client("sns"), topic) if topic else None
    read_role = os.environ.get("WARDEN_MEMBER_READ_ROLE")  # set: organization mode
    member_clients = MemberClients(clients, Members(clients), read_role) if read_role else None
    return ConfigRuleService(
        clients,
        load_rules(),
        publisher,
        os.environ["AWS_REGION"],
        partition=clients.partition,
        member_clients=member_clients,
    )


def audit() -> Any:
    global _audit
    if _audit is None:
        from warden.ledger import InputAudit

        _audit = InputAudit.from_environment()
    return _audit


@logger.inject_lambda_context(correlation_id_path="configRuleName")
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: Any, context: LambdaContext) -> dict[str, Any]:
    global _service
    if _service is None:
        _service = _build()
    outcome = _service.handle(event)
    if outcome.status == "rejected":
        from warden.ledger import Outcome

        metrics.add_metric(name="EventsRejected", unit=MetricUnit.Count, value=1)
        rule_name = _field(event, "configRuleName")
        logger.error(
            "rejected Config rule event",
            extra={"reason": outcome.reason, "config_rule_name": rule_name, "account_id": _field(event, "accountId")},
        )
        detail = f"Config rule event for {str(rule_name)[:256]!r} rejected: {outcome.reason}"
        record_id = audit()(Outcome.REJECTED, "InvalidConfigRuleEvent", detail)
        return {"status": outcome.status, "reason": outcome.reason, "record_id": record_id}
    counts: dict[str, int] = {}
    for evaluation in outcome.evaluations:
        counts[evaluation.compliance.value] = counts.get(evaluation.compliance.value, 0) + 1
    metrics.add_metric(name="Evaluations", unit=MetricUnit.Count, value=len(outcome.evaluations))
    metrics.add_metric(name="Findings", unit=MetricUnit.Count, value=len(outcome.findings))
    if outcome.refused:
        metrics.add_metric(name="FindingsRefused", unit=MetricUnit.Count, value=len(outcome.refused))
    logger.info("evaluated", extra={"rule": outcome.rule_id, "message_type": outcome.message_type, "counts": counts})
    return {
        "status": outcome.status,
        "rule": outcome.rule_id,
        "message_type": outcome.message_type,
        "counts": counts,
        "findings": len(outcome.findings),
        "refused": [r.reason for r in outcome.refused],
    }


def _field(event: Any, key: str) -> Any:
    return event.get(key) if isinstance(event, dict) else None
