"""Serving Warden's rules as AWS Config custom rules: every message type, PutEvaluations, findings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.utilities.data_classes import AWSConfigRuleEvent
from aws_lambda_powertools.utilities.data_classes.aws_config_rule_event import (
    AWSConfigOversizedConfiguration,
    AWSConfigScheduledNotification,
)

from warden import schemas
from warden.aws import AWS_ERRORS, Clients, is_known_region
from warden.collectors import COLLECTORS
from warden.collectors.base import classify
from warden.findings import Finding, Publisher, Refused, finding_for
from warden.model import (
    Compliance,
    ConfigurationItem,
    ConfigurationItemError,
    Evaluation,
    WardenError,
    is_unicode_text,
    truncate,
)
from warden.organization import ForeignAccountError
from warden.registry import Registry, Rule, RuleParameterError, UnknownRuleError
from warden.remediate import READ_AS

log = logging.getLogger(__name__)

PUT_EVALUATIONS_LIMIT = 100
RULE_ID_PARAMETER = "wardenRuleId"
RULE_NAME_PREFIX = "warden-"
TEST_MODE_TOKEN = "TESTMODE"


class ConfigEventError(WardenError):
    """An invoking event Warden cannot serve (malformed, unknown rule, unknown message type): rejected."""


class RetriableConfigError(WardenError):
    """An AWS call failed for a reason that may pass (throttling, 5xx): raised so Lambda invokes again."""


# What rule logic raises when a recorded configuration does not have the shape AWS Config gives it.
MALFORMED_ITEM_ERRORS = (ConfigurationItemError, KeyError, IndexError, TypeError, AttributeError, ValueError)


@dataclass(frozen=True)
class Outcome:
    status: str  # served | rejected
    reason: str
    rule_id: str | None = None
    message_type: str | None = None
    evaluations: tuple[Evaluation, ...] = ()
    findings: tuple[Finding, ...] = ()
    put_calls: int = 0
    refused: tuple[Refused, ...] = ()


def resolve_rule(registry: Registry, rule_name: str, parameters: Mapping[str, Any]) -> Rule:
    """The rule id comes from the `wardenRuleId` input parameter, else from the Config rule's name."""
    rule_id = parameters.get(RULE_ID_PARAMETER) or rule_name.removeprefix(RULE_NAME_PREFIX)
    try:
        return registry.get(str(rule_id))
    except UnknownRuleError as exc:
        raise ConfigEventError(f"Config rule {rule_name!r} names no Warden rule ({rule_id!r})") from exc


def parse_event(raw: Any) -> AWSConfigRuleEvent:
    """The Config rule event, checked against its schema (and its JSON-encoded parts against theirs)."""
    schemas.check(raw, "config-rule-event", ConfigEventError, "Config rule event")
    invoking = _decode(raw["invokingEvent"], "invokingEvent")
    schemas.check(invoking, "config-invoking-event", ConfigEventError, "invokingEvent")
    parameters = _decode(raw.get("ruleParameters") or "{}", "ruleParameters")
    if not isinstance(parameters, dict):
        raise ConfigEventError("ruleParameters is not a JSON object")
    if not is_unicode_text(raw) or not is_unicode_text(invoking) or not is_unicode_text(parameters):
        raise ConfigEventError("the event holds a lone surrogate (not valid Unicode)")
    return AWSConfigRuleEvent(dict(raw))


def _decode(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:  # RecursionError: nested deeper than the parser goes
        raise ConfigEventError(f"{what} is not JSON: {exc}") from exc


class ConfigRuleService:
    def __init__(
        self,
        clients: Clients,
        registry: Registry,
        publisher: Publisher | None,
        region: str,
        *,
        report_vanished: bool = True,
        partition: str = "aws",
        member_clients: Callable[[str], Clients] | None = None,
    ) -> None:
        """`member_clients` (organization mode): the clients for an event's account, through its member read
        role; it raises ForeignAccountError for an account outside the organization."""
        self._clients = clients
        self._member_clients = member_clients
        self._registry = registry
        self._publisher = publisher
        self._region = region
        self._partition = partition
        # Periodic runs look up what Config evaluated before, to mark vanished resources NOT_APPLICABLE.
        self._report_vanished = report_vanished

    def handle(self, raw: Any) -> Outcome:
        """Serve one invocation. Invalid input is rejected with a reason; only a transient AWS failure raises."""
        try:
            return self._serve(parse_event(raw))
        except (ConfigEventError, RuleParameterError, ConfigurationItemError, ForeignAccountError) as exc:
            return Outcome("rejected", str(exc))
        except AWS_ERRORS as exc:
            code, transient = classify(exc)
            if transient:
                raise RetriableConfigError(f"{code}: {exc}") from exc
            return Outcome("rejected", f"AWS refused a call ({code}): {exc}")

    def _serve(self, event: AWSConfigRuleEvent) -> Outcome:
        parameters = event.rule_parameters if event.get("ruleParameters") else {}
        rule = resolve_rule(self._registry, event.config_rule_name, parameters)
        clients = self._clients_for(event)
        try:
            params = rule.resolve_parameters({k: v for k, v in parameters.items() if k != RULE_ID_PARAMETER})
        except ValueError as exc:  # a list parameter that starts like JSON and is not
            raise RuleParameterError(f"{rule.id}: invalid parameters: {exc}") from exc
        invoking = event.invoking_event
        message_type = invoking.message_type
        ordering: str | None
        if isinstance(invoking, AWSConfigScheduledNotification):
            ordering = invoking.notification_creation_time
            evaluations = self._periodic(clients, rule, params, event.config_rule_name)
        elif isinstance(invoking, AWSConfigOversizedConfiguration):
            summary = invoking.configuration_item_summary
            self._check_region(summary.region)
            ordering = summary.configuration_item_capture_time
            evaluations = [self._evaluate(clients, rule, self._fetch_oversized(clients, summary), params, event)]
        else:
            raw = invoking.raw_configuration_item
            self._check_region(raw["awsRegion"])
            ordering = raw.get("configurationItemCaptureTime") or invoking.get("notificationCreationTime")
            evaluations = [self._evaluate(clients, rule, ConfigurationItem.from_config(raw), params, event)]
        puts = self._put(clients, evaluations, event.result_token, ordering)
        findings = tuple(
            finding_for(e, "config-rule", source_event_id=event.get("configRuleId"))
            for e in evaluations
            if e.compliance is Compliance.NON_COMPLIANT
        )
        published = self._publisher.publish(findings) if findings and self._publisher else None
        refused = published.refused if published else ()
        for refusal in refused:
            log.error(
                "finding not published: %s",
                refusal.reason,
                extra={"resource_id": refusal.finding.evaluation.resource_id},
            )
        sent = tuple(f for f in findings if f not in {r.finding for r in refused})
        return Outcome("served", "evaluated", rule.id, message_type, tuple(evaluations), sent, puts, refused)

    def _clients_for(self, event: AWSConfigRuleEvent) -> Clients:
        """Warden's own clients, or in organization mode the member read role's for the event's account.

        Never the event's `executionRoleArn`: where Config is enabled through StackSets it names the
        service-linked AWSServiceRoleForConfig, which no function can assume.
        """
        if self._member_clients is None:
            return self._clients
        account = event.get("accountId")
        if not account:
            raise ConfigEventError("the event names no accountId (organization mode acts in the event's account)")
        return self._member_clients(str(account))

    def _check_region(self, region: str) -> None:
        """A region outside the partition cannot be reached: rejected now rather than retried forever."""
        if not is_known_region(region, self._partition):
            raise ConfigEventError(f"awsRegion {region!r} is not a region of partition {self._partition!r}")

    def _evaluate(
        self, clients: Clients, rule: Rule, item: ConfigurationItem, params: Mapping[str, Any], event: Any
    ) -> Evaluation:
        if event.get("eventLeftScope"):
            item = dataclasses.replace(item, status="ResourceNotRecorded")  # out of scope: NOT_APPLICABLE
        if item.is_gone or not rule.applies_to(item.resource_type):
            return rule.run(item, params)
        try:
            item, problem = self._enrich(clients, rule, item)
            if problem:
                return _insufficient(rule, item, problem)
            return rule.run(item, params)
        except MALFORMED_ITEM_ERRORS as exc:
            log.warning("malformed configuration item %s: %r", item.resource_id, exc)
            return _insufficient(rule, item, f"malformed configuration item: {type(exc).__name__}: {exc}")

    def _enrich(self, clients: Clients, rule: Rule, item: ConfigurationItem) -> tuple[ConfigurationItem, str | None]:
        """Fetch live what the rule needs and Config does not record (trail status, access keys, ...)."""
        collector = COLLECTORS.get(READ_AS.get(item.resource_type, item.resource_type))
        if collector is None:
            return item, None
        missing = collector.missing(item, rule.attributes)
        if not missing:
            return item, None
        enriched, errors, _ = collector.enrich(clients, item, missing)
        if errors:
            log.warning(
                "cannot read %s for %s", errors[0].operation, item.resource_id, extra={"error": errors[0].to_dict()}
            )
            return enriched, f"cannot read {errors[0].operation}: {errors[0].error_code}"
        return enriched, None

    def _fetch_oversized(self, clients: Clients, summary: Any) -> ConfigurationItem:
        """Oversized items arrive as a summary; the item itself comes from the configuration history."""
        history = clients.client("config", summary.region).get_resource_config_history(
            resourceType=summary.resource_type, resourceId=summary.resource_id, limit=1
        )
        items = history.get("configurationItems") or []
        if not items:
            return ConfigurationItem.from_config(
                {**summary.raw_event, "configurationItemStatus": "ResourceNotRecorded"}
            )
        return ConfigurationItem.from_config(items[0])

    def _periodic(self, clients: Clients, rule: Rule, params: Mapping[str, Any], rule_name: str) -> list[Evaluation]:
        """Evaluate every resource of the rule's types; report vanished, previously evaluated ones."""
        account_id = clients.account_id
        evaluations: list[Evaluation] = []
        for resource_type in rule.resource_types:
            collector = COLLECTORS.get(resource_type)
            if collector is None:
                continue
            names = [n for n in rule.attributes if n in collector.attributes]
            for item in collector.list_items(clients, self._region, account_id):
                enriched, errors, _ = collector.enrich(clients, item, names)
                if errors:
                    evaluations.append(
                        _insufficient(rule, enriched, f"cannot read {errors[0].operation}: {errors[0].error_code}")
                    )
                else:
                    evaluations.append(rule.run(enriched, params))
        if not self._report_vanished:
            return evaluations
        seen = {(e.resource_type, e.resource_id) for e in evaluations}
        for resource_type, resource_id in self._previously_evaluated(clients, rule_name):
            if (resource_type, resource_id) not in seen and resource_type in rule.resource_types:
                gone = ConfigurationItem(
                    resource_type, resource_id, resource_id, self._region, account_id, status="ResourceDeleted"
                )
                evaluations.append(rule.run(gone, params))
        return evaluations

    def _previously_evaluated(self, clients: Clients, rule_name: str) -> Iterator[tuple[str, str]]:
        paginator = clients.client("config", self._region).get_paginator("get_compliance_details_by_config_rule")
        for page in paginator.paginate(ConfigRuleName=rule_name, ComplianceTypes=["COMPLIANT", "NON_COMPLIANT"]):
            for result in page.get("EvaluationResults", []):
                qualifier = result["EvaluationResultIdentifier"]["EvaluationResultQualifier"]
                yield qualifier["ResourceType"], qualifier["ResourceId"]

    def _put(self, clients: Clients, evaluations: Sequence[Evaluation], token: str, ordering: str | None) -> int:
        """PutEvaluations in the evaluated account: the result token is only valid there."""
        timestamp = _timestamp(ordering)
        config = clients.client("config", self._region)
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
                raise ConfigEventError(f"Config refused {len(response['FailedEvaluations'])} evaluation(s)")
        return calls


def _timestamp(value: str | None) -> dt.datetime:
    if not value:
        return dt.datetime.now(dt.UTC)
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ConfigEventError(f"ordering time {value!r} is not an ISO 8601 time") from exc


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
