"""Immediate re-evaluation of a resource a CloudTrail management event touched.

The event says which resource changed; it is never trusted for the resource's state, which is re-read
live. Events that are not AWS's own CloudTrail events for this account are rejected, and events caused
by Warden's remediation role are ignored, so a fix cannot trigger another fix.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from warden.trail.patterns import CLOUDTRAIL_DETAIL_TYPE, source_for

from warden import schemas
from warden.aws import AWS_ERRORS, Clients, is_known_region
from warden.collectors import ReadError, collector_for
from warden.collectors.base import classify
from warden.findings import Finding, Publisher, Refused, finding_for
from warden.model import Compliance, Evaluation, WardenError, is_unicode_text
from warden.organization import ForeignAccountError, role_arn
from warden.registry import Registry, Rule

log = logging.getLogger(__name__)


class MalformedEventError(WardenError):
    """An event that is not a CloudTrail API call record Warden can read."""


@dataclass(frozen=True)
class Detection:
    status: str  # evaluated | ignored | rejected | failed
    reason: str
    event_id: str | None = None
    evaluations: tuple[Evaluation, ...] = ()
    findings: tuple[Finding, ...] = ()
    errors: tuple[str, ...] = ()
    retriable: bool = False
    refused: tuple[Refused, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "reason": self.reason,
            "event_id": self.event_id,
            "evaluations": [e.to_dict() for e in self.evaluations],
            "findings": [f.finding_id for f in self.findings],
            "errors": list(self.errors),
            "refused": [r.reason for r in self.refused],
        }


def _role_key(arn: str) -> tuple[str, str, str] | None:
    """(partition, account, role name) of a role ARN or of a session of that role; None for anything else.

    `arn:aws:iam::111122223333:role/path/warden` and `arn:aws:sts::111122223333:assumed-role/warden/s1`
    name the same role: a session ARN keeps the role's name but drops its path.
    """
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return None
    _, partition, service, _, account, resource = parts
    if service == "iam" and resource.startswith("role/"):
        return partition, account, resource.rsplit("/", 1)[-1]
    if service == "sts" and resource.startswith("assumed-role/"):
        return partition, account, resource.split("/")[1]
    return None


def own_principal(identity: Mapping[str, Any] | None, own_roles: Iterable[str]) -> bool:
    """True when the caller is one of `own_roles` (role ARNs), however the session was named.

    The whole ARN counts, account included: a role of the same name in another account is someone else.
    """
    if not isinstance(identity, Mapping):
        return False
    roles = {key for key in map(_role_key, own_roles) if key}
    context = identity.get("sessionContext")
    issuer = context.get("sessionIssuer") if isinstance(context, Mapping) else None
    issuer_arn = issuer.get("arn") if isinstance(issuer, Mapping) else None
    return any(isinstance(arn, str) and _role_key(arn) in roles for arn in (issuer_arn, identity.get("arn")))


class Detector:
    def __init__(
        self,
        clients: Clients,
        registry: Registry,
        publisher: Publisher | None,
        *,
        account_id: str,
        partition: str = "aws",
        own_roles: Iterable[str] = (),
        parameters: Mapping[str, Mapping[str, Any]] | None = None,
        member_clients: Callable[[str], Clients] | None = None,
        member_remediation_role: str | None = None,
    ) -> None:
        """Organization mode, with `member_clients`: an event of a member account is read there through the
        member read role (ForeignAccountError for an account outside the organization), and a change made by
        the member remediation role `member_remediation_role` is Warden's own."""
        self._clients = clients
        self._member_clients = member_clients
        self._member_remediation_role = member_remediation_role
        self._registry = registry
        self._publisher = publisher
        self._account_id = account_id
        self._partition = partition
        self._own_roles = tuple(r for r in own_roles if r)
        self._parameters = parameters or {}

    def rejection(self, event: Any) -> str | None:
        """Why this is not a genuine CloudTrail event for this account, or None."""
        if not isinstance(event, Mapping) or not isinstance(event.get("detail"), Mapping):
            return "malformed: not an EventBridge event with a detail object"
        detail = event["detail"]
        if event.get("detail-type") != CLOUDTRAIL_DETAIL_TYPE:
            return f"detail-type {event.get('detail-type')!r} is not {CLOUDTRAIL_DETAIL_TYPE!r}"
        source = str(event.get("source", ""))
        if not source.startswith("aws."):
            return f"source {source!r} is not an AWS service (custom buses cannot send aws.* sources)"
        try:
            schemas.check(detail, "cloudtrail-event", MalformedEventError, "CloudTrail event detail")
        except MalformedEventError as exc:
            return f"malformed: {exc}"
        if not is_unicode_text(event):
            return "malformed: the event holds a lone surrogate (not valid Unicode)"
        if source != source_for(detail["eventSource"]):
            return f"source {source!r} does not match eventSource {detail['eventSource']!r}"
        if not is_known_region(detail["awsRegion"], self._partition):
            return f"awsRegion {detail['awsRegion']!r} is not a region of partition {self._partition!r}"
        # EventBridge always sets `account` (moto's delivery omits it); CloudTrail sets recipientAccountId.
        claims = [c for c in (event.get("account"), detail.get("recipientAccountId")) if c is not None]
        if not claims:
            return "the event names no account"
        for claimed in claims:
            if self._member_clients is not None and claimed != claims[0]:
                return f"the event names two accounts ({claims[0]!r} and {claimed!r})"
            if self._member_clients is None and claimed != self._account_id:
                return f"account {claimed!r} is not this account ({self._account_id})"
        return None

    def handle(self, event: Any) -> Detection:
        """Classify and serve one event; nothing raises. `retriable` marks a transient AWS failure."""
        reason = self.rejection(event)
        if reason:
            log.warning("rejected event: %s", reason, extra={"event_id": _event_id(event)})
            return Detection("rejected", reason, _event_id(event))
        detail = event["detail"]
        event_id = detail.get("eventID")
        # rejection() saw at least one account claim, and every claim the same.
        account = next(str(c) for c in (event.get("account"), detail.get("recipientAccountId")) if c is not None)
        try:
            clients = self._clients_for(account)
        except ForeignAccountError as exc:
            log.warning("rejected event: %s", exc, extra={"event_id": event_id, "account_id": account})
            return Detection("rejected", str(exc), event_id)
        except AWS_ERRORS as exc:  # the organization's account list could not be read
            code, transient = classify(exc)
            return Detection("failed", f"account {account}: {code}", event_id, errors=(code,), retriable=transient)
        name = f"{detail['eventSource']}:{detail['eventName']}"
        if detail.get("errorCode"):
            return Detection("ignored", f"{name} failed ({detail['errorCode']}): nothing changed", event_id)
        if own_principal(detail.get("userIdentity"), self._own_roles_in(account)):
            return Detection("ignored", f"{name} was Warden's own remediation", event_id)
        targets = self._targets(detail)
        if not targets:
            return Detection("ignored", f"no rule watches {name} (or the event names no resource)", event_id)
        evaluations: list[Evaluation] = []
        errors: list[str] = []
        retriable = False
        for (resource_type, resource_id), rules in targets.items():
            try:
                item = self._read(clients, account, resource_type, resource_id, rules, detail)
            except (ReadError, WardenError, *AWS_ERRORS) as exc:
                code, transient = classify(exc)
                retriable = retriable or transient
                errors.append(f"{resource_type} {resource_id}: {code}")
                log.error("cannot re-read %s %s: %s", resource_type, resource_id, exc)
                continue
            if item is None:
                continue  # deleted since: nothing left to evaluate
            for rule in rules:
                params = rule.resolve_parameters(self._parameters.get(rule.id))
                evaluations.append(rule.run(item, params))
        findings = tuple(
            finding_for(e, "cloudtrail", source_event_id=event_id)
            for e in evaluations
            if e.compliance is Compliance.NON_COMPLIANT
        )
        refused: tuple[Refused, ...] = ()
        if findings and self._publisher:
            try:
                refused = self._publisher.publish(findings).refused
            except AWS_ERRORS as exc:
                code, transient = classify(exc)
                retriable = retriable or transient
                errors.append(f"publishing {len(findings)} finding(s): {code}")
                log.error("cannot publish findings of %s: %s", event_id, exc)
                findings = ()
        for refusal in refused:
            log.error("finding not published: %s", refusal.reason, extra={"event_id": event_id})
        published = tuple(f for f in findings if f not in {r.finding for r in refused})
        status = "evaluated" if evaluations or not errors else "failed"
        return Detection(status, name, event_id, tuple(evaluations), published, tuple(errors), retriable, refused)

    def _targets(self, detail: Mapping[str, Any]) -> dict[tuple[str, str], list[Rule]]:
        targets: dict[tuple[str, str], list[Rule]] = {}
        for rule in self._registry.all():
            for trigger in rule.cloudtrail:
                if trigger.source != detail.get("eventSource") or detail.get("eventName") not in trigger.events:
                    continue
                resource_id = trigger.resolve_resource_id(detail)
                if resource_id:
                    rules = targets.setdefault((trigger.resource_type, resource_id), [])
                    if rule not in rules:
                        rules.append(rule)
        return targets

    def _clients_for(self, account: str) -> Clients:
        return self._clients if self._member_clients is None else self._member_clients(account)

    def _own_roles_in(self, account: str) -> tuple[str, ...]:
        """Warden's remediation roles: the central ones, and in organization mode the member role there."""
        if self._member_remediation_role is None:
            return self._own_roles
        return (*self._own_roles, role_arn(self._partition, account, self._member_remediation_role))

    def _read(
        self,
        clients: Clients,
        account: str,
        resource_type: str,
        resource_id: str,
        rules: list[Rule],
        detail: Mapping[str, Any],
    ) -> Any:
        collector = collector_for(resource_type)
        names = sorted({a for rule in rules for a in rule.attributes if a in collector.attributes})
        region = str(detail["awsRegion"])
        return collector.read(clients, region, account, resource_id, names)


def _event_id(event: Any) -> str | None:
    if isinstance(event, Mapping):
        detail = event.get("detail")
        if isinstance(detail, Mapping) and detail.get("eventID"):
            return str(detail["eventID"])
        return str(event["id"]) if event.get("id") else None
    return None
