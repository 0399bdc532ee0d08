"""A read-only scan: collect configuration items live, evaluate the selected rules, report every result."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from warden.aws import AWS_ERRORS, Clients, error_code
from warden.collectors import COLLECTORS, Collector
from warden.model import ConfigurationItem, ConfigurationItemError, Evaluation, ScanError
from warden.registry import Rule

SCHEMA_ID = "warden.scan/v1"
Progress = Callable[[int], None]


@dataclass
class ScanResult:
    account_id: str
    regions: list[str]
    started_at: str
    finished_at: str = ""
    evaluations: list[Evaluation] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    api_calls: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "account_id": self.account_id,
            "regions": self.regions,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "evaluations": [e.to_dict() for e in self.evaluations],
            "errors": [e.to_dict() for e in self.errors],
            "stats": {
                "resources_evaluated": len({e.resource_arn for e in self.evaluations}),
                "api_calls": self.api_calls,
            },
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


def evaluate_item(plan: _Plan, item: ConfigurationItem, failed: set[str]) -> tuple[list[Evaluation], list[ScanError]]:
    evaluations, errors = [], []
    for rule in plan.rules:
        if failed.intersection(rule.attributes):
            continue  # the read error is already reported; a guess would be worse than a gap we name
        try:
            evaluations.append(rule.run(item, plan.params[rule.id]))
        except ConfigurationItemError as exc:
            errors.append(
                ScanError(
                    item.resource_type, item.region, f"evaluate:{rule.id}", "MalformedItem", str(exc), item.resource_id
                )
            )
    return evaluations, errors


def _chunks(items: Iterator[ConfigurationItem], size: int) -> Iterator[list[ConfigurationItem]]:
    while chunk := list(islice(items, size)):
        yield chunk


class Scanner:
    def __init__(self, clients: Clients, *, workers: int = 16, progress: Progress | None = None) -> None:
        self._clients = clients
        self._workers = workers
        self._progress = progress
        self._lock = threading.Lock()

    def run(
        self,
        rules: Sequence[Rule],
        regions: Sequence[str],
        parameters: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> ScanResult:
        if not regions:
            raise ValueError("at least one region is needed")
        calls_before = self._clients.total_calls()
        result = ScanResult(account_id=self._clients.account_id, regions=list(regions), started_at=_now())
        plans = plan_scan(rules, parameters)
        jobs = [(plan, region) for plan in plans for region in (regions[:1] if plan.collector.is_global else regions)]
        # Two pools: listing jobs feed per-item attribute fetches; one shared pool could deadlock.
        with (
            ThreadPoolExecutor(max_workers=min(8, len(jobs) or 1), thread_name_prefix="warden-list") as lister,
            ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="warden-item") as fetcher,
        ):
            for future in [lister.submit(self._run_job, plan, region, result, fetcher) for plan, region in jobs]:
                future.result()
        result.evaluations.sort(key=lambda e: (e.rule_id, e.region, e.resource_id))
        result.finished_at = _now()
        result.api_calls = self._clients.total_calls() - calls_before
        return result

    def _run_job(self, plan: _Plan, region: str, result: ScanResult, fetcher: ThreadPoolExecutor) -> None:
        collector = plan.collector
        items = collector.list_items(self._clients, region, result.account_id)
        try:
            # Items are evaluated in bounded chunks as they are listed, so memory holds evaluations, not items.
            for chunk in _chunks(items, 64):
                for evaluations, errors in fetcher.map(lambda item: self._process(plan, item), chunk):
                    self._record(result, evaluations, errors, count=1)
        except AWS_ERRORS as exc:
            error = ScanError(collector.resource_type, region, collector.list_operation, error_code(exc), str(exc))
            self._record(result, [], [error], count=0)

    def _process(self, plan: _Plan, item: ConfigurationItem) -> tuple[list[Evaluation], list[ScanError]]:
        enriched, errors, failed = plan.collector.enrich(self._clients, item, plan.attributes)
        evaluations, eval_errors = evaluate_item(plan, enriched, failed)
        return evaluations, errors + eval_errors

    def _record(self, result: ScanResult, evaluations: list[Evaluation], errors: list[ScanError], count: int) -> None:
        with self._lock:
            result.evaluations.extend(evaluations)
            result.errors.extend(errors)
        if self._progress and count:
            self._progress(count)
