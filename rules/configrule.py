"""Serving Warden's rules as AWS Config custom rules: every message type, PutEvaluations, findings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from warden.aws import Clients
from warden.collectors import COLLECTORS
from warden.findings import Finding, Publisher, finding_for
from warden.model import (
    Compliance,
    ConfigurationItem,
    ConfigurationItemError,
    Evaluation,
    WardenError,
    truncate,
)
from warden.registry import Registry, Rule, UnknownRuleError
from warden.remediate import READ_AS

log = logging.getLogger(__name__)

PUT_EVALUATIONS_LIMIT = 100
RULE_ID_PARAMETER = "wardenRuleId"
RULE_NAME_PREFIX = "warden-"
TEST_MODE_TOKEN = "TESTMODE"


class ConfigEventError(WardenError):
    """An invoking event Warden cannot serve (unknown rule, unknown message type)."""


@dataclass(frozen=True)
class Outcome:
    rule_id: str
    message_type: str
    evaluations: tuple[Evaluation, ...]
    findings: tuple[Finding, ...]
    put_calls: int


def resolve_rule(registry: Registry, rule_name: str, parameters: Mapping[str, Any]) -> Rule:
    """The rule id comes from the `wardenRuleId` input parameter, else from the Config rule's name."""
    rule_id = parameters.get(RULE_ID_PARAMETER) or rule_name.removeprefix(RULE_NAME_PREFIX)
    try:
        return registry.get(str(rule_id))
    except UnknownRuleError as exc:
        raise ConfigEventError(f"Config rule {rule_name!r} names no Warden rule ({rule_id!r})") from exc


class ConfigRuleService:
    def __init__(
        self,
        clients: Clients,
        registry: Registry,
        publisher: Publisher | None,
        region: str,
        *,
        report_vanished: bool = True,
    ) -> None:
        self._clients = clients
        self._registry = registry
        self._publisher = publisher
        self._region = region
        # Periodic runs look up what Config evaluated before, to mark vanished resources NOT_APPLICABLE.
        self._report_vanished = report_vanished

    def handle(self, event: Any) -> Outcome:
        """`event` is Powertools' AWSConfigRuleEvent."""
        parameters = dict(event.rule_parameters) if event.get("ruleParameters") else {}
        rule = resolve_rule(self._registry, event.config_rule_name, parameters)
        params = rule.resolve_parameters({k: v for k, v in parameters.items() if k != RULE_ID_PARAMETER})
        invoking = event.invoking_event
        message_type = invoking.message_type
        if message_type == "ScheduledNotification":
            ordering = invoking.notification_creation_time
            evaluations = self._periodic(rule, params, event.config_rule_name)
        elif message_type == "OversizedConfigurationItemChangeNotification":
            summary = invoking.configuration_item_summary
            ordering = summary.configuration_item_capture_time
            evaluations = [self._evaluate(rule, self._fetch_oversized(summary), params, event)]
        elif message_type == "ConfigurationItemChangeNotification":
            raw = invoking.raw_configuration_item
            ordering = raw.get("configurationItemCaptureTime") or invoking.notification_creation_time
            evaluations = [self._evaluate(rule, ConfigurationItem.from_config(raw), params, event)]
        else:
            raise ConfigEventError(f"unknown Config message type {message_type!r}")
        puts = self._put(evaluations, event.result_token, ordering)
        findings = tuple(
            finding_for(e, "config-rule", source_event_id=event.get("configRuleId"))
            for e in evaluations
            if e.compliance is Compliance.NON_COMPLIANT
        )
        if findings and self._publisher:
            self._publisher.publish(findings)
        return Outcome(rule.id, message_type, tuple(evaluations), findings, puts)

    def _evaluate(self, rule: Rule, item: ConfigurationItem, params: Mapping[str, Any], event: Any) -> Evaluation:
        if event.get("eventLeftScope"):
            item = dataclasses.replace(item, status="ResourceNotRecorded")  # out of scope: NOT_APPLICABLE
        if item.is_gone or not rule.applies_to(item.resource_type):
            return rule.run(item, params)
        item, problem = self._enrich(rule, item)
        if problem:
            return _insufficient(rule, item, problem)
        try:
            return rule.run(item, params)
        except ConfigurationItemError as exc:
            return _insufficient(rule, item, f"malformed configuration item: {exc}")

    def _enrich(self, rule: Rule, item: ConfigurationItem) -> tuple[ConfigurationItem, str | None]:
        """Fetch live what the rule needs and Config does not record (trail status, access keys, ...)."""
        collector = COLLECTORS.get(READ_AS.get(item.resource_type, item.resource_type))
        if collector is None:
            return item, None
        missing = collector.missing(item, rule.attributes)
        if not missing:
            return item, None
        enriched, errors, _ = collector.enrich(self._clients, item, missing)
        if errors:
            log.warning(
                "cannot read %s for %s", errors[0].operation, item.resource_id, extra={"error": errors[0].to_dict()}
            )
            return enriched, f"cannot read {errors[0].operation}: {errors[0].error_code}"
        return enriched, None

    def _fetch_oversized(self, summary: Any) -> ConfigurationItem:
        """Oversized items arrive as a summary; the item itself comes from the configuration history."""
        history = self._clients.client("config", summary.region).get_resource_config_history(
            resourceType=summary.resource_type, resourceId=summary.resource_id, limit=1
        )
        items = history.get("configurationItems") or []
        if not items:
            return ConfigurationItem.from_config(
                {**summary.raw_event, "configurationItemStatus": "ResourceNotRecorded"}
            )
        return ConfigurationItem.from_config(items[0])

    def _periodic(self, rule: Rule, params: Mapping[str, Any], rule_name: str) -> list[Evaluation]:
        """Evaluate every resource of the rule's types; report vanished, previously evaluated ones."""
        account_id = self._clients.account_id
        evaluations: list[Evaluation] = []
        for resource_type in rule.resource_types:
            collector = COLLECTORS.get(resource_type)
            if collector is None:
                continue
            names = [n for n in rule.attributes if n in collector.attributes]
            for item in collector.list_items(self._clients, self._region, account_id):
                enriched, errors, _ = collector.enrich(self._clients, item, names)
                if errors:
                    evaluations.append(
                        _insufficient(rule, enriched, f"cannot read {errors[0].operation}: {errors[0].error_code}")
                    )
                else:
                    evaluations.append(rule.run(enriched, params))
        if not self._report_vanished:
            return evaluations
        seen = {(e.resource_type, e.resource_id) for e in evaluations}
        for resource_type, resource_id in self._previously_evaluated(rule_name):
            if (resource_type, resource_id) not in seen and resource_type in rule.resource_types:
                gone = ConfigurationItem(
                    resource_type, resource_id, resource_id, self._region, account_id, status="ResourceDeleted"
                )
                evaluations.append(rule.run(gone, params))
        return evaluations

    def _previously_evaluated(self, rule_name: str) -> Iterator[tuple[str, str]]:
        paginator = self._clients.client("config", self._region).get_paginator("get_compliance_details_by_config_rule")
        for page in paginator.paginate(ConfigRuleName=rule_name, ComplianceTypes=["COMPLIANT", "NON_COMPLIANT"]):
            for result in page.get("EvaluationResults", []):
                qualifier = result["EvaluationResultIdentifier"]["EvaluationResultQualifier"]
                yield qualifier["ResourceType"], qualifier["ResourceId"]

    def _put(self, evaluations: Sequence[Evaluation], token: str, ordering: str | None) -> int:
        timestamp = _timestamp(ordering)
        config = self._clients.client("config", self._region)
        calls = 0
        for start in range(0, len(evaluations), PUT_EVALUATIONS_LIMIT):
            chunk = evaluations[start : start + PUT_EVALUATIONS_LIMIT]
            response = config.put_evaluations(
                Evaluations=[
                    {
                        "ComplianceResourceType": e.resource_type,
                        "ComplianceResourceId": e.resource_id,
                        "ComplianceType": e.compliance.value,
                        "Annotation": truncate(e.annotation),
                        "OrderingTimestamp": timestamp,
                    }
                    for e in chunk
                ],
                ResultToken=token,
                TestMode=token == TEST_MODE_TOKEN,
            )
            calls += 1
            if response.get("FailedEvaluations"):
                raise WardenError(f"Config refused {len(response['FailedEvaluations'])} evaluation(s)")
        return calls


def _timestamp(value: str | None) -> dt.datetime:
    if not value:
        return dt.datetime.now(dt.UTC)
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def _insufficient(rule: Rule, item: ConfigurationItem, why: str) -> Evaluation:
    return Evaluation(
        rule_id=rule.id,
        controls=rule.controls,
        severity=rule.severity,
        resource_type=item.resource_type,
        resource_id=item.resource_id,
        resource_arn=item.arn,
        region=item.region,
        account_id=item.account_id,
        compliance=Compliance.INSUFFICIENT_DATA,
        annotation=truncate(why),
        remediation_id=rule.remediation,
    )
