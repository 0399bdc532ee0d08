"""Lambda entry point for the daily report (an EventBridge schedule)."""

from __future__ import annotations

import os
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

logger = Logger(service="warden-report")
tracer = Tracer(service="warden-report")
metrics = Metrics(namespace="Warden", service="warden-report")
_daily: Any = None


def _build() -> Any:
    from warden.reports.daily import DailyReport

    from warden.aws import Clients
    from warden.registry import load_rules

    clients = Clients()
    return DailyReport(
        clients,
        load_rules().all(),
        bucket=os.environ["WARDEN_REPORTS_BUCKET"],
        prefix=os.environ.get("WARDEN_REPORTS_PREFIX", "warden-reports"),
        account_id=os.environ.get("WARDEN_ACCOUNT_ID") or clients.account_id,
        region=os.environ["AWS_REGION"],
        aggregator=os.environ.get("WARDEN_CONFIG_AGGREGATOR") or None,
        security_hub=os.environ.get("WARDEN_SECURITY_HUB", "false").lower() == "true",
    )


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    global _daily
    if _daily is None:
        _daily = _build()
    summary: dict[str, Any] = _daily.run()
    metrics.add_metric(name="ReportEvaluations", unit=MetricUnit.Count, value=summary["evaluations"])
    metrics.add_metric(name="ReportReadErrors", unit=MetricUnit.Count, value=summary["errors"])
    if "security_hub" in summary:
        rejected = len(summary["security_hub"]["rejected"])
        metrics.add_metric(name="SecurityHubRejected", unit=MetricUnit.Count, value=rejected)
    logger.info("daily report written", extra=summary)
    return summary
