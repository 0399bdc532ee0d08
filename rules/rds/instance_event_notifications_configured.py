from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._events import evaluate_subscription
from warden.rules.rds._triggers import EVENT_SUBSCRIPTION_EVENTS

from warden.collectors.rds import EVENT_SUBSCRIPTION
from warden.model import ConfigurationItem, Severity, Verdict
from warden.registry import rule

CATEGORIES = ("maintenance", "configuration change", "failure")


@rule(
    id="rds-instance-event-notifications-configured",
    title="An RDS event subscription notifies critical DB instance events",
    resource_types=(EVENT_SUBSCRIPTION,),
    severity=Severity.LOW,
    controls=("RDS.20",),
    remediation="notify-only",
    cloudtrail=EVENT_SUBSCRIPTION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the subscription is enabled for every db-instance source, with all event categories
    or at least: maintenance, configuration change, failure. NON_COMPLIANT when it is disabled, limited to some
    sources or misses a category; NOT_APPLICABLE to subscriptions for other source types (Security Hub's rule)."""
    return evaluate_subscription(item, "db-instance", CATEGORIES)
