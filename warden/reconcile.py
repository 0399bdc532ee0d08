"""The periodic sweep that settles intents no delivery came back for.

A change whose outcome record was lost is normally reconciled when SQS delivers its finding again. When
every delivery failed (the finding went to the DLQ), nothing comes back: the sweep finds the INTENT
records with no conclusive outcome, re-reads each resource, and records REMEDIATED or FAILED. It reads
only the records appended since its mark in each stream, so its cost follows the ledger's growth, not
its size.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from warden.ledger import Ledger
from warden.model import WardenError
from warden.remediate import OpenIntents, Remediator

log = logging.getLogger(__name__)

MARK = "reconciled"
# Younger intents may belong to a delivery still running (the worker's timeout is two minutes).
DEFAULT_GRACE = dt.timedelta(minutes=15)


@dataclass
class SweepReport:
    streams: int = 0
    records_read: int = 0
    settled: dict[str, int] = field(default_factory=dict)  # outcome -> records written
    still_open: int = 0  # intents left for the next sweep: too young, or their resource unreadable now

    def add(self, outcome: str) -> None:
        self.settled[outcome] = self.settled.get(outcome, 0) + 1


def sweep(
    remediator_in: Callable[[str], Remediator],
    ledger: Ledger,
    *,
    grace: dt.timedelta = DEFAULT_GRACE,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> SweepReport:
    """Settle every intent older than `grace` that has no conclusive outcome, stream by stream, each with
    the remediator acting in its account (`remediator_in(account)`; one Remediator for one account)."""
    report = SweepReport()
    for stream in ledger.streams():
        report.streams += 1
        start = ledger.mark(MARK, stream)
        last, open_intents = start, OpenIntents()
        for record in ledger.records_after(stream, start):
            report.records_read += 1
            last = record["seq"]
            open_intents.see(record)
        cutoff = now() - grace
        # Unsettled: too young (their delivery may still run), or, below, their resource unreadable now.
        due: list[dict[str, Any]] = []
        unsettled: list[dict[str, Any]] = []
        for intent in open_intents.by_plan.values():
            (due if dt.datetime.fromisoformat(intent["time"]) <= cutoff else unsettled).append(intent)
        for intents in _by_finding(due):
            try:
                results = remediator_in(intents[-1]["account"]).settle(intents)
            except WardenError as exc:  # e.g. an account that has left the organization: the others go on
                log.error("cannot settle the intents of finding %s: %s", intents[-1].get("finding_id"), exc)
                results = None
            if results is None:
                unsettled.extend(intents)
                continue
            for result in results:
                report.add(result.outcome.value)
        report.still_open += len(unsettled)
        # The mark stops before the oldest intent still open, so the next sweep reads it again.
        ledger.set_mark(MARK, stream, min((r["seq"] for r in unsettled), default=last + 1) - 1)
    if report.settled:
        log.warning("the sweep settled intents no delivery came back for: %s", report.settled)
    return report


def _by_finding(intents: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Open intents grouped by the finding (or, without one, the resource) they were made for, oldest first."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for intent in sorted(intents, key=lambda r: r["seq"]):
        groups.setdefault(intent.get("finding_id") or intent["resource_arn"], []).append(intent)
    return list(groups.values())
