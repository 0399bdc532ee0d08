"""A read-only scan: collect configuration items live, evaluate the selected rules, report every result."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from warden.aws import AWS_ERRORS, Clients, error_code
from warden.collectors import COLLECTORS, Collector
from warden.collectors.base import TruncatedListingError
from warden.exemptions import Exemption, Exemptions
from warden.model import Compliance, ConfigurationItem, ConfigurationItemError, Evaluation, ScanError
from warden.registry import Rule

SCHEMA_ID = "warden.scan/v2"
# (rule id, resource ARN, region): one evaluation's key.
EvaluationKey = tuple[str, str, str]


class Progress(Protocol):
    """What a scan reports as it goes: the number of listings, each resource, each finished listing."""

    def started(self, listings: int) -> None: ...

    def resource(self) -> None: ...

    def listed(self, resource_type: str, region: str, resources: int, error: str | None) -> None: ...


class ScanInterrupted(Exception):  # not an Error: the operator stopped the scan
    """The scan was stopped (Ctrl-C); `result` holds what was found until then, marked partial."""

    def __init__(self, result: ScanResult) -> None:
        super().__init__("scan interrupted")
        self.result = result


@dataclass
class ScanResult:
    account_id: str
    regions: list[str]
    started_at: str
    finished_at: str = ""
    evaluations: list[Evaluation] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    api_calls: int = 0
    exempted: dict[EvaluationKey, Exemption] = field(default_factory=dict)
    expired_exemptions: list[Exemption] = field(default_factory=list)
    listings: int = 0
    listings_failed: int = 0
    resources_listed: int = 0
    resources_unread: int = 0  # listed, but an attribute a rule needs could not be read
    evaluations_skipped: int = 0  # rule evaluations not run because of a read error
    partial: bool = False
    accounts: list[dict[str, Any]] = field(default_factory=list)  # an organization scan's per-account outcome

    def exemption(self, evaluation: Evaluation) -> Exemption | None:
        return self.exempted.get((evaluation.rule_id, evaluation.resource_arn, evaluation.region))

    def to_dict(self) -> dict[str, Any]:
        evaluations = []
        for evaluation in self.evaluations:
            entry = evaluation.to_dict()
            exemption = self.exemption(evaluation)
            if exemption is not None:
                entry["exemption"] = exemption_to_dict(exemption)
            evaluations.append(entry)
        document = {
            "schema": SCHEMA_ID,
            "account_id": self.account_id,
            "regions": self.regions,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "partial": self.partial,
            "evaluations": evaluations,
            "errors": [e.to_dict() for e in self.errors],
            "expired_exemptions": [
                {"rule": e.rule, "resource": e.resource, **exemption_to_dict(e)} for e in self.expired_exemptions
            ],
            "stats": {
                "resources_evaluated": len({e.resource_arn for e in self.evaluations}),
                "resources_listed": self.resources_listed,
                "resources_unread": self.resources_unread,
                "evaluations_skipped": self.evaluations_skipped,
                "listings": self.listings,
                "listings_failed": self.listings_failed,
                "exempt": len(self.exempted),
                "api_calls": self.api_calls,
            },
        }
        if self.accounts:
            document["accounts"] = self.accounts
        return document


def exemption_to_dict(exemption: Exemption) -> dict[str, Any]:
    """Owner, reason and expiry; `expires` is null for a `warden:exempt` tag, which lasts as long as the tag."""
    return {
        "owner": exemption.owner,
        "reason": exemption.reason,
        "expires": exemption.expires.isoformat() if exemption.expires else None,
    }


@dataclass(frozen=True)
class _Plan:
    """For one resource type: the collector, the rules that apply, and the attributes they need."""

    collector: Collector
    rules: tuple[Rule, ...]
    attributes: tuple[str, ...]
    params: Mapping[str, Mapping[str, Any]]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def plan_scan(rules: Iterable[Rule], parameters: Mapping[str, Mapping[str, Any]] | None = None) -> list[_Plan]:
    parameters = parameters or {}
    by_type: dict[str, list[Rule]] = {}
    for rule in rules:
        for resource_type in rule.resource_types:
            if resource_type in COLLECTORS:  # Config-only types (e.g. AccountPublicAccessBlock) have no collector
                by_type.setdefault(resource_type, []).append(rule)
    plans = []
    for resource_type, type_rules in sorted(by_type.items()):
        collector = COLLECTORS[resource_type]
        attributes = sorted({a for r in type_rules for a in r.attributes if a in collector.attributes})
        params = {r.id: r.resolve_parameters(parameters.get(r.id)) for r in type_rules}
        plans.append(_Plan(collector, tuple(type_rules), tuple(attributes), params))
    return plans


def evaluate_item(
    plan: _Plan, item: ConfigurationItem, failed: set[str]
) -> tuple[list[Evaluation], list[ScanError], int]:
    """The item's evaluations, errors, and how many rules were skipped because an attribute was unreadable."""
    evaluations, errors, skipped = [], [], 0
    for rule in plan.rules:
        if failed.intersection(rule.attributes):
            skipped += 1  # the read error is already reported; a guess would be worse than a gap we name
            continue
        try:
            evaluations.append(rule.run(item, plan.params[rule.id]))
        except ConfigurationItemError as exc:
            skipped += 1
            errors.append(
                ScanError(
                    item.resource_type, item.region, f"evaluate:{rule.id}", "MalformedItem", str(exc), item.resource_id
                )
            )
    return evaluations, errors, skipped


@dataclass
class _ItemOutcome:
    evaluations: list[Evaluation]
    errors: list[ScanError]
    skipped: int
    unread: bool
    exempted: dict[EvaluationKey, Exemption]


def _chunks(items: Iterator[ConfigurationItem], size: int) -> Iterator[list[ConfigurationItem]]:
    """Lists of up to `size` items; a listing that fails part way first hands over what it listed."""
    chunk: list[ConfigurationItem] = []
    try:
        for item in items:
            chunk.append(item)
            if len(chunk) == size:
                yield chunk
                chunk = []
    except Exception:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


class Scanner:
    def __init__(
        self,
        clients: Clients,
        *,
        workers: int = 16,
        progress: Progress | None = None,
        exemptions: Exemptions | None = None,
        today: dt.date | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("a scan needs at least one worker")
        self._clients = clients
        self._workers = workers
        self._progress = progress
        # `warden:exempt` tags apply even without an exemptions file.
        self._exemptions = exemptions or Exemptions()
        self._today = today
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    def stop(self) -> None:
        """Hand out no more work (from another thread: an organization scan being interrupted)."""
        self._stopping.set()

    def run(
        self,
        rules: Sequence[Rule],
        regions: Sequence[str],
        parameters: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> ScanResult:
        """Raises ScanInterrupted, carrying the partial result, when interrupted (KeyboardInterrupt)."""
        if not regions:
            raise ValueError("at least one region is needed")
        calls_before = self._clients.total_calls()
        result = ScanResult(account_id=self._clients.account_id, regions=list(regions), started_at=_now())
        result.expired_exemptions = self._exemptions.expired(self._today)
        plans = plan_scan(rules, parameters)
        jobs = [(plan, region) for plan in plans for region in (regions[:1] if plan.collector.is_global else regions)]
        result.listings = len(jobs)
        if self._progress:
            self._progress.started(len(jobs))
        # Two pools: listing jobs feed per-item attribute fetches; one shared pool could deadlock.
        # Account-wide reads (backup plans, ECS services) are shared by the listings and items of this scan.
        with (
            self._clients.sharing(),
            ThreadPoolExecutor(max_workers=min(8, len(jobs) or 1), thread_name_prefix="warden-list") as lister,
            ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="warden-item") as fetcher,
        ):
            futures = [lister.submit(self._run_job, plan, region, result, fetcher) for plan, region in jobs]
            try:
                for future in futures:
                    future.result()
            except KeyboardInterrupt:
                # Stop handing out work; calls already in flight finish, then the pools close.
                result.partial = True
                self._stopping.set()
                for future in futures:
                    future.cancel()
                fetcher.shutdown(wait=False, cancel_futures=True)
        result.evaluations.sort(key=lambda e: (e.rule_id, e.region, e.resource_id))
        result.finished_at = _now()
        result.api_calls = self._clients.total_calls() - calls_before
        if result.partial:
            raise ScanInterrupted(result)
        return result

    def _run_job(self, plan: _Plan, region: str, result: ScanResult, fetcher: ThreadPoolExecutor) -> None:
        collector = plan.collector
        listed = 0
        error = None
        try:
            items = collector.list_items(self._clients, region, result.account_id)
            # Items are evaluated in bounded chunks as they are listed, so memory holds evaluations, not items.
            for chunk in _chunks(items, 64):
                if self._stopping.is_set():
                    return
                for outcome in fetcher.map(lambda item: self._process(plan, item), chunk):
                    self._record(result, outcome)
                    listed += 1
        except TruncatedListingError as exc:
            error = ScanError(collector.resource_type, region, collector.list_operation, "TruncatedListing", str(exc))
        except AWS_ERRORS as exc:
            error = ScanError(collector.resource_type, region, collector.list_operation, error_code(exc), str(exc))
        if error is not None:
            with self._lock:
                result.errors.append(error)
                result.listings_failed += 1
        if self._progress:
            self._progress.listed(collector.resource_type, region, listed, error.error_code if error else None)

    def _process(self, plan: _Plan, item: ConfigurationItem) -> _ItemOutcome:
        enriched, errors, failed = plan.collector.enrich(self._clients, item, plan.attributes)
        evaluations, eval_errors, skipped = evaluate_item(plan, enriched, failed)
        findings = [e for e in evaluations if e.compliance is Compliance.NON_COMPLIANT]
        exempted: dict[EvaluationKey, Exemption] = {}
        if findings:
            enriched, tag_errors = self._with_tags(plan, enriched)
            errors += tag_errors
            for finding in findings:
                exemption = self._exemptions.decide(finding.rule_id, enriched, self._today).exemption
                if exemption is not None:
                    exempted[(finding.rule_id, finding.resource_arn, finding.region)] = exemption
        return _ItemOutcome(evaluations, errors + eval_errors, skipped, bool(failed), exempted)

    def _with_tags(self, plan: _Plan, item: ConfigurationItem) -> tuple[ConfigurationItem, list[ScanError]]:
        """The item with its tags, for `warden:exempt`; read only for a finding, and only where listing omits them."""
        collector = plan.collector
        if "Tags" not in collector.attributes or "Tags" in plan.attributes:
            return item, []
        tagged, errors, _ = collector.enrich(self._clients, item, ["Tags"])
        return tagged, errors

    def _record(self, result: ScanResult, outcome: _ItemOutcome) -> None:
        with self._lock:
            result.evaluations.extend(outcome.evaluations)
            result.errors.extend(outcome.errors)
            result.exempted.update(outcome.exempted)
            result.resources_listed += 1
            result.resources_unread += outcome.unread
            result.evaluations_skipped += outcome.skipped
        if self._progress:
            self._progress.resource()
