"""Turning a finding into a safe change: re-read, exempt, plan, cap, apply, verify, and audit every step."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from warden.aws import AWS_ERRORS, Clients, is_retriable_code
from warden.collectors import ReadError, collector_for
from warden.collectors.base import classify
from warden.exemptions import Exemptions
from warden.ledger import Ledger, LedgerError, Outcome
from warden.model import Compliance, ConfigurationItem, Evaluation, WardenError
from warden.registry import Rule, load_rules
from warden.remediation import ApiCall, Mode, Plan, Remediation, execute, load_remediations
from warden.settings import Settings

# Config records the account-level block as its own type; Warden reads it from the account.
READ_AS = {"AWS::S3::AccountPublicAccessBlock": "AWS::::Account"}

# Outcomes that settle a stored plan: once one names it, it no longer waits for `warden approve`.
SETTLING = frozenset({Outcome.APPROVED, Outcome.REMEDIATED, Outcome.REJECTED, Outcome.SKIPPED})


class ChangeBudget(Protocol):
    """Blast radius: whether one more change may be made for a rule."""

    def take(self, rule_id: str) -> bool: ...


class RunBudget:
    """At most `limit` changes per rule in one run."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used: Counter[str] = Counter()
        self.refused: Counter[str] = Counter()
        self._lock = threading.Lock()

    def take(self, rule_id: str) -> bool:
        with self._lock:
            if self.used[rule_id] >= self.limit:
                self.refused[rule_id] += 1
                return False
            self.used[rule_id] += 1
            return True


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    rule_id: str
    resource_arn: str
    detail: str
    record_id: str
    plan: Plan | None = None
    error_code: str | None = None
    retriable: bool = False


@dataclass(frozen=True)
class _Context:
    rule: Rule
    evaluation: Evaluation
    mode: Mode
    remediation: Remediation
    finding_id: str | None
    source_event_id: str | None


@dataclass(frozen=True)
class Pending:
    """A planned change waiting to be applied (after confirmation, approval or straight away)."""

    context: _Context
    plan: Plan
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Rollback:
    """Undoing one applied change: its REMEDIATED record, its plan, and the calls that restore the before state."""

    record: Mapping[str, Any]
    plan: Plan
    calls: tuple[ApiCall, ...]

    def diff(self) -> str:
        undo = dataclasses.replace(self.plan, before=self.record.get("after") or {}, after=self.plan.before)
        return dataclasses.replace(undo, calls=self.calls).diff()


def pending_plans(ledger: Ledger) -> list[Plan]:
    """Stored plans that no approval, rejection or skip has settled yet, oldest first."""
    plans = [Plan.from_dict(stored) for stored in ledger.plans()]
    return sorted((p for p in plans if settling_record(ledger, p.plan_id) is None), key=lambda p: p.created_at)


def settling_record(ledger: Ledger, plan_id: str) -> dict[str, Any] | None:
    """The record that settled a stored plan (approved, remediated, rejected or skipped), if any."""
    return next((r for r in ledger.lookup("plan_id", plan_id) if r["outcome"] in SETTLING), None)


def merge(pendings: Iterable[Pending]) -> list[list[Pending]]:
    """Pendings grouped by the change they make: findings of several rules on one resource that the same
    calls fix (EC2.18 and EC2.19 on one security group) become one change, in first-seen order."""
    changes: dict[tuple[str, str], list[Pending]] = {}
    for pending in pendings:
        calls = json.dumps([c.to_dict() for c in pending.plan.calls], sort_keys=True, default=str)
        changes.setdefault((pending.plan.resource_arn, calls), []).append(pending)
    return list(changes.values())


class Remediator:
    def __init__(
        self,
        clients: Clients,
        ledger: Ledger,
        *,
        settings: Settings | None = None,
        exemptions: Exemptions | None = None,
        mode_override: Callable[[Mode], Mode] | None = None,
        budget: ChangeBudget | None = None,
        sleep: Callable[[float], None] = time.sleep,
        today: dt.date | None = None,
    ) -> None:
        self._clients = clients
        self._ledger = ledger
        self._settings = settings or Settings()
        self._exemptions = exemptions or Exemptions()
        self._mode_override = mode_override
        self.budget = budget or RunBudget(self._settings.max_changes_per_rule)
        self._sleep = sleep
        self._today = today
        self._rules = load_rules()
        self._remediations = load_remediations()
        self._actor: str | None = None

    # -- the one-call path (events, workers) -------------------------------------------------------
    def handle(
        self,
        evaluation: Evaluation,
        *,
        finding_id: str | None = None,
        source_event_id: str | None = None,
        earlier_intents: Sequence[Mapping[str, Any]] = (),
    ) -> Result:
        prepared = self.prepare(
            evaluation, finding_id=finding_id, source_event_id=source_event_id, earlier_intents=earlier_intents
        )
        return prepared if isinstance(prepared, Result) else self.apply(prepared)

    def may_change(self, rule_id: str) -> bool:
        """Whether a finding of this rule may be fixed without anyone's approval (before reading it)."""
        rule = self._rules.get(rule_id)
        remediation = self._remediations.get(rule.remediation or "notify-only")
        return self.mode_for(rule_id) is Mode.AUTO and not remediation.notify_only

    def mode_for(self, rule_id: str) -> Mode:
        configured = self._settings.mode(rule_id)
        return self._mode_override(configured) if self._mode_override else configured

    def prepare(
        self,
        evaluation: Evaluation,
        *,
        finding_id: str | None = None,
        source_event_id: str | None = None,
        earlier_intents: Sequence[Mapping[str, Any]] = (),
    ) -> Result | Pending:
        """Everything up to the change: audited, read-only. Returns a Result when nothing is to be applied.

        `earlier_intents`: INTENT records of earlier deliveries of this finding with no outcome (their
        change may have happened), settled here from the resource as read now."""
        context = self._context(evaluation, finding_id, source_event_id)
        rule, remediation = context.rule, context.remediation
        self._record(context, Outcome.DETECTED, evaluation.annotation)
        if context.mode is Mode.OFF:
            return self._finish(context, Outcome.SKIPPED, "remediation is off for this rule")
        try:
            item = self._read(rule, remediation, evaluation)
        except (ReadError, *AWS_ERRORS) as exc:
            return self._failed(context, "cannot re-read the resource", exc)
        except WardenError as exc:
            return self._finish(
                context, Outcome.FAILED, f"cannot re-read the resource: {exc}", code="UnsupportedResource"
            )
        if item is None:
            return self._finish(context, Outcome.SKIPPED, "the resource no longer exists")
        decision = self._exemptions.decide(rule.id, item, self._today)
        if decision.exemption:
            return self._finish(context, Outcome.EXEMPT, decision.exemption.describe())
        expired = "".join(f" (an expired exemption no longer applies: {e.describe()})" for e in decision.expired)
        params = rule.resolve_parameters(self._settings.parameters.get(rule.id))
        current = rule.run(item, params)
        if earlier_intents:
            results = self._conclude(context, earlier_intents, item, current, params)
            if results[-1].outcome is Outcome.REMEDIATED:
                return results[-1]
        if current.compliance is not Compliance.NON_COMPLIANT:
            return self._finish(context, Outcome.SKIPPED, f"no longer violates the rule: {current.annotation}")
        plan = remediation.plan(item, rule, params)
        if remediation.notify_only or context.mode is Mode.NOTIFY or (plan.is_noop and plan.manual_action):
            detail = plan.manual_action or f"notify only: {current.annotation}"
            return self._finish(context, Outcome.NOTIFIED, detail + expired, plan=plan)
        if plan.is_noop:
            return self._finish(context, Outcome.SKIPPED, "the remediation has nothing to change" + expired, plan=plan)
        if context.mode is Mode.DRY_RUN:
            return self._finish(context, Outcome.PLANNED, "dry run: planned, not applied" + expired, plan=plan)
        if context.mode is Mode.APPROVE:
            self._ledger.save_plan(plan.to_dict())
            return self._finish(
                context, Outcome.PENDING_APPROVAL, f"awaiting `warden approve {plan.plan_id}`" + expired, plan=plan
            )
        return Pending(context, plan, params)

    def apply(self, pending: Pending) -> Result:
        return self.commit(pending) or self.carry_out(pending)

    def commit(self, pending: Pending) -> Result | None:
        """Take the change's budget and record its intent (None), or record it CAPPED.

        Write-ahead: no change without its intent on record. A ledger error propagates, so nothing is
        changed and the delivery is retried; an outcome lost after the change is reconciled on redelivery.
        Under `Ledger.buffered()`, `carry_out` must wait until the intent is written."""
        context, plan = pending.context, pending.plan
        if not self.budget.take(context.rule.id):
            return self._finish(
                context, Outcome.CAPPED, "blast-radius cap reached for this rule: not changed", plan=plan
            )
        self._record(context, Outcome.INTENT, f"applying plan {plan.plan_id}", plan=plan)
        return None

    def carry_out(self, pending: Pending) -> Result:
        """Apply a committed change and verify it."""
        context, plan = pending.context, pending.plan
        try:
            execute(self._clients, plan.region, plan.calls)
        except AWS_ERRORS as exc:
            return self._failed(context, "the change failed", exc, plan=plan)
        except Exception as exc:  # noqa: BLE001 - a broken fix is recorded as a failure, never lost mid-batch
            detail = f"the change failed unexpectedly: {type(exc).__name__}: {exc}"
            return self._finish(context, Outcome.FAILED, detail, plan=plan, code=type(exc).__name__)
        return self._verify(context, plan, pending.params)

    def _conclude(
        self,
        context: _Context,
        intents: Sequence[Mapping[str, Any]],
        item: ConfigurationItem,
        current: Evaluation,
        params: Mapping[str, Any],
    ) -> list[Result]:
        """Record the outcome of open intents from the resource as read now: compliant, the newest change
        took effect (REMEDIATED, last); every other one is not in effect (FAILED)."""
        took_effect = intents[-1] if current.compliance is Compliance.COMPLIANT else None
        results = [
            self._finish(
                context,
                Outcome.FAILED,
                f"reconciled: the change of intent {intent['id']} is not in effect: {current.annotation}",
                plan=Plan.from_dict(intent["plan"]),
                code="NotInEffect",
            )
            for intent in intents
            if intent is not took_effect
        ]
        if took_effect is not None:
            results.append(
                self._finish(
                    context,
                    Outcome.REMEDIATED,
                    f"reconciled: the change of intent {took_effect['id']} took effect: {current.annotation}",
                    plan=Plan.from_dict(took_effect["plan"]),
                    after=context.remediation.planner(item, context.rule, params).before,
                )
            )
        return results

    def settle(self, intents: Sequence[Mapping[str, Any]]) -> list[Result] | None:
        """Settle, from the account as it is now, the open intents of one finding whose delivery gave up.

        As on redelivery: compliant now, the newest change took effect (REMEDIATED) and the older ones did
        not (FAILED). None when the resource cannot be read now: they stay open for the next attempt."""
        newest = intents[-1]
        plan = Plan.from_dict(newest["plan"])
        rule = self._rules.get(plan.rule_id)
        remediation = self._remediations.get(plan.remediation_id)
        context = _Context(
            rule,
            _evaluation_for(rule, plan),
            Mode(newest.get("mode") or Mode.AUTO.value),
            remediation,
            newest.get("finding_id"),
            newest.get("source_event_id"),
        )
        try:
            item = self._read(rule, remediation, context.evaluation)
        except (ReadError, *AWS_ERRORS):
            return None
        if item is None:
            return [
                self._finish(
                    context,
                    Outcome.FAILED,
                    f"reconciled: the resource of intent {intent['id']} no longer exists, so whether its change "
                    "took effect cannot be known",
                    plan=Plan.from_dict(intent["plan"]),
                    code="ResourceGone",
                )
                for intent in intents
            ]
        params = rule.resolve_parameters(self._settings.parameters.get(rule.id))
        return self._conclude(context, intents, item, rule.run(item, params), params)

    def record_duplicate(
        self, evaluation: Evaluation, detail: str, *, finding_id: str | None = None, source_event_id: str | None = None
    ) -> Result:
        """A redelivered finding that was already handled: audited, nothing else."""
        return self._finish(self._context(evaluation, finding_id, source_event_id), Outcome.DUPLICATE, detail)

    def _context(self, evaluation: Evaluation, finding_id: str | None, source_event_id: str | None) -> _Context:
        rule = self._rules.get(evaluation.rule_id)
        remediation = self._remediations.get(rule.remediation or "notify-only")
        return _Context(rule, evaluation, self.mode_for(rule.id), remediation, finding_id, source_event_id)

    def decline(self, pending: Pending, reason: str) -> Result:
        """A planned change that will not be applied: audited as a skip."""
        return self._finish(pending.context, Outcome.SKIPPED, reason, plan=pending.plan)

    @property
    def location(self) -> str:
        return self._ledger.store.location

    def stored_plan(self, plan_id: str) -> Plan:
        """A stored plan still waiting for approval; a WardenError says why any other cannot be approved."""
        plan = Plan.from_dict(self._ledger.load_plan(plan_id))
        settled = settling_record(self._ledger, plan_id)
        if settled is not None:
            raise WardenError(
                f"plan {plan_id} was already {settled['outcome'].lower()} (record {settled['id']}): {settled['detail']}"
            )
        return plan

    # -- a confirmed batch (the command line) -------------------------------------------------------
    def apply_confirmed(self, changes: Sequence[Sequence[Pending]]) -> list[Result]:
        """Apply changes the operator confirmed (`merge` groups them), each re-read and re-planned first.

        Findings that share a change are applied once: the others are re-read after it and recorded as
        covered. A change that failed or was capped is not tried again for the findings sharing it."""
        changed: dict[str, Result] = {}  # resource ARN -> the last change this batch made to it
        results: list[Result] = []
        for change in changes:
            shared: Result | None = None
            for pending in change:
                if shared is not None and shared.outcome in (Outcome.FAILED, Outcome.CAPPED):
                    reason = f"not applied: the change it shares ended {shared.outcome} (record {shared.record_id})"
                    results.append(self.decline(pending, reason))
                    continue
                refreshed = self.refresh(pending, changed.get(pending.plan.resource_arn))
                if isinstance(refreshed, Result):
                    results.append(refreshed)
                    continue
                shared = self.apply(refreshed)
                if shared.outcome is not Outcome.CAPPED:
                    changed[pending.plan.resource_arn] = shared
                results.append(shared)
        return results

    def refresh(self, pending: Pending, changed_by: Result | None = None) -> Result | Pending:
        """Re-read and re-plan right before applying a plan confirmed earlier.

        A resource fixed meanwhile is skipped. A plan the resource has drifted from is refused, as
        `approve` refuses it, unless `changed_by` (this batch's own earlier change to the resource)
        explains the drift: then the fresh plan replaces it, and that is audited."""
        context = pending.context
        checked = self._recheck(context, pending.plan, changed_by)
        if isinstance(checked, Result):
            return checked
        fresh, params = checked
        if dict(fresh.before) == dict(pending.plan.before):
            return pending
        if changed_by is None:
            detail = "the resource changed since the plan was confirmed: nothing applied, plan again"
            return self._finish(context, Outcome.REJECTED, detail, plan=pending.plan)
        detail = f"re-planned: the change in record {changed_by.record_id} altered the resource after confirmation"
        self._record(context, Outcome.PLANNED, detail, plan=fresh)
        return Pending(context, fresh, params)

    def _recheck(
        self, context: _Context, plan: Plan, changed_by: Result | None = None
    ) -> Result | tuple[Plan, Mapping[str, Any]]:
        """Re-read the resource of a plan made earlier: a Result when nothing is to be applied, else a fresh plan."""
        rule = context.rule
        try:
            item = self._read(rule, context.remediation, context.evaluation)
        except (ReadError, *AWS_ERRORS) as exc:
            return self._failed(context, "cannot re-read the resource", exc, plan=plan)
        if item is None:
            return self._finish(context, Outcome.SKIPPED, "the resource no longer exists", plan=plan)
        params = rule.resolve_parameters(self._settings.parameters.get(rule.id))
        if rule.run(item, params).compliance is not Compliance.NON_COMPLIANT:
            if changed_by is not None and changed_by.outcome is Outcome.REMEDIATED:
                detail = f"covered by the change in record {changed_by.record_id}"
            else:
                detail = "no longer violates the rule"
            return self._finish(context, Outcome.SKIPPED, detail, plan=plan)
        return context.remediation.plan(item, rule, params), params

    # -- approvals and rollback ---------------------------------------------------------------------
    def approve(self, plan_id: str) -> Result:
        stored = self.stored_plan(plan_id)
        rule = self._rules.get(stored.rule_id)
        evaluation = _evaluation_for(rule, stored)
        context = _Context(rule, evaluation, Mode.APPROVE, self._remediations.get(stored.remediation_id), None, None)
        checked = self._recheck(context, stored)
        if isinstance(checked, Result):
            return checked
        fresh, params = checked
        if dict(fresh.before) != dict(stored.before):
            return self._finish(
                context, Outcome.REJECTED, "the resource changed since the plan was made: plan again", plan=stored
            )
        self._record(context, Outcome.APPROVED, f"approved by {self.actor}", plan=stored)
        return self.apply(Pending(context, stored, params))

    def rollback_of(self, record_id: str) -> Rollback:
        """What rolling back record `record_id` would do; a WardenError says why it cannot be rolled back."""
        found = self._ledger.lookup("id", record_id)
        if not found:
            raise LedgerError(f"no audit record {record_id} in {self.location}")
        record = found[0]
        if record["outcome"] != Outcome.REMEDIATED or not record.get("plan"):
            raise WardenError(
                f"record {record_id} is a {record['outcome']} record: only an applied change (REMEDIATED) can be "
                "rolled back"
            )
        undone = [r for r in self._ledger.lookup("rolls_back", record_id) if r["outcome"] == Outcome.ROLLED_BACK]
        if undone:
            raise WardenError(f"record {record_id} was already rolled back (record {undone[0]['id']})")
        plan = Plan.from_dict(record["plan"])
        return Rollback(record, plan, self._remediations.get(plan.remediation_id).rollback_calls(plan))

    def rollback(self, record_id: str) -> Result:
        undo = self.rollback_of(record_id)
        record, plan, calls = undo.record, undo.plan, undo.calls
        remediation = self._remediations.get(plan.remediation_id)
        rule = self._rules.get(plan.rule_id)
        context = _Context(rule, _evaluation_for(rule, plan), Mode.AUTO, remediation, record.get("finding_id"), None)
        try:
            execute(self._clients, plan.region, calls)
            item = self._read(rule, remediation, context.evaluation)
        except (ReadError, *AWS_ERRORS) as exc:
            return self._failed(context, "rollback failed", exc, plan=plan, rolls_back=record_id)
        observed = (
            remediation.planner(item, rule, rule.resolve_parameters(self._settings.parameters.get(rule.id))).before
            if item
            else {}
        )
        if dict(observed) != dict(plan.before):
            return self._finish(
                context,
                Outcome.FAILED,
                "rollback did not restore the recorded state",
                plan=plan,
                after=observed,
                code="RollbackMismatch",
                rolls_back=record_id,
            )
        return self._finish(
            context,
            Outcome.ROLLED_BACK,
            f"restored the state before record {record_id}",
            plan=plan,
            before=record["after"],
            after=observed,
            rolls_back=record_id,
        )

    # -- helpers -----------------------------------------------------------------------------------
    @property
    def actor(self) -> str:
        if self._actor is None:
            try:
                self._actor = self._clients.caller_arn
            except AWS_ERRORS:
                self._actor = "unknown"
        return self._actor

    def _read(self, rule: Rule, remediation: Remediation, evaluation: Evaluation) -> ConfigurationItem | None:
        collector = collector_for(READ_AS.get(evaluation.resource_type, evaluation.resource_type))
        wanted = {*rule.attributes, *remediation.attributes, "Tags"}
        names = sorted(n for n in wanted if n in collector.attributes)
        return collector.read(self._clients, evaluation.region, evaluation.account_id, evaluation.resource_id, names)

    def _verify(self, context: _Context, plan: Plan, params: Mapping[str, Any]) -> Result:
        """Re-read and re-run the rule: a fix the rule does not accept is a failure, not a success."""
        annotation = "not re-read"
        read_error: BaseException | None = None
        for attempt in range(self._settings.verify_attempts):
            if attempt:
                self._sleep(self._settings.verify_delay_seconds * attempt)  # eventual consistency
            try:
                item = self._read(context.rule, context.remediation, context.evaluation)
            except (ReadError, *AWS_ERRORS) as exc:
                annotation, read_error = f"re-read failed: {exc}", exc
                continue
            read_error = None
            if item is None:
                annotation = "the resource disappeared"
                continue
            evaluation = context.rule.run(item, params)
            if evaluation.compliance is Compliance.COMPLIANT:
                observed = context.remediation.planner(item, context.rule, params).before
                return self._finish(
                    context,
                    Outcome.REMEDIATED,
                    f"fixed and verified: {evaluation.annotation}",
                    plan=plan,
                    after=observed,
                )
            annotation = evaluation.annotation
        if read_error is not None:
            # Unverified is not failed: a transient read error is retried, and the redelivery reconciles.
            return self._failed(context, "applied, but cannot re-read to verify", read_error, plan=plan)
        return self._finish(
            context,
            Outcome.FAILED,
            f"applied, but the rule still fails: {annotation}",
            plan=plan,
            code="VerificationFailed",
        )

    def _failed(
        self, context: _Context, what: str, exc: BaseException, plan: Plan | None = None, rolls_back: str | None = None
    ) -> Result:
        code, retriable = classify(exc)
        detail = f"{what}: {exc}"
        return self._finish(
            context, Outcome.FAILED, detail, plan=plan, code=code, retriable=retriable, rolls_back=rolls_back
        )

    def _finish(
        self,
        context: _Context,
        outcome: Outcome,
        detail: str,
        *,
        plan: Plan | None = None,
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
        code: str | None = None,
        retriable: bool = False,
        rolls_back: str | None = None,
    ) -> Result:
        record = self._record(
            context, outcome, detail, plan=plan, before=before, after=after, code=code, rolls_back=rolls_back
        )
        return Result(
            outcome, context.rule.id, context.evaluation.resource_arn, detail, record["id"], plan, code, retriable
        )

    def _record(
        self,
        context: _Context,
        outcome: Outcome,
        detail: str,
        *,
        plan: Plan | None = None,
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
        code: str | None = None,
        rolls_back: str | None = None,
    ) -> dict[str, Any]:
        evaluation = context.evaluation
        # Only a rollback names the record it undoes; other records keep their shape.
        link = {"rolls_back": rolls_back} if rolls_back else {}
        return self._ledger.append(
            {
                "account": evaluation.account_id,
                "region": evaluation.region,
                "rule": context.rule.id,
                "controls": list(context.rule.controls),
                "resource_type": evaluation.resource_type,
                "resource_id": evaluation.resource_id,
                "resource_arn": evaluation.resource_arn,
                "actor": self.actor,
                "mode": context.mode.value,
                "outcome": outcome.value,
                "error_code": code,
                "before": _state(before, plan.before if plan else None),
                "after": _state(after, plan.after if plan else None),
                "detail": detail,
                "remediation_id": context.remediation.id,
                "plan_id": plan.plan_id if plan else None,
                "plan": plan.to_dict() if plan else None,
                "finding_id": context.finding_id,
                "source_event_id": context.source_event_id,
                **link,
            }
        )


def settles_intent(record: Mapping[str, Any]) -> bool:
    """Whether a record concludes the intent of its plan: REMEDIATED, or FAILED for good (not retried)."""
    return record["outcome"] == Outcome.REMEDIATED or (
        record["outcome"] == Outcome.FAILED and not is_retriable_code(record.get("error_code") or "")
    )


# Records that do not end an attempt at a finding (a retriable FAILED does not either).
_NOT_CONCLUSIVE = frozenset({Outcome.DETECTED, Outcome.INTENT, Outcome.DUPLICATE, Outcome.REJECTED})


class OpenIntents:
    """The INTENT records with no conclusive outcome yet, by plan, as records are seen in chain order."""

    def __init__(self) -> None:
        self.by_plan: dict[str, dict[str, Any]] = {}

    def see(self, record: dict[str, Any]) -> None:
        if record["outcome"] == Outcome.INTENT and record.get("plan"):
            self.by_plan[record["plan_id"]] = record
        elif record.get("plan_id") in self.by_plan and settles_intent(record):
            del self.by_plan[record["plan_id"]]


def attempt_so_far(records: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """What an attempt at a finding left in the ledger (its records, oldest first): the intents with no
    conclusive outcome, and, when there are none, the record that concluded it (None: not concluded)."""
    intents = OpenIntents()
    concluded: dict[str, Any] | None = None
    for record in records:
        intents.see(record)
        outcome = record["outcome"]
        if outcome not in _NOT_CONCLUSIVE and not (outcome == Outcome.FAILED and not settles_intent(record)):
            concluded = record
    return list(intents.by_plan.values()), None if intents.by_plan else concluded


def _state(explicit: Mapping[str, Any] | None, planned: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """An audit record's before/after: what was observed if given, else what the plan says."""
    chosen = explicit if explicit is not None else planned
    return dict(chosen) if chosen is not None else None


def _evaluation_for(rule: Rule, plan: Plan) -> Evaluation:
    return Evaluation(
        rule_id=rule.id,
        controls=rule.controls,
        severity=rule.severity,
        resource_type=plan.resource_type,
        resource_id=plan.resource_id,
        resource_arn=plan.resource_arn,
        region=plan.region,
        account_id=plan.account_id,
        compliance=Compliance.NON_COMPLIANT,
        annotation="(from a stored plan)",
        remediation_id=plan.remediation_id,
    )
