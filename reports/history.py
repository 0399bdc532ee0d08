"""Scan history in an embedded SQLite database: every scan's evaluations, for trends over time.

The schema's version is SQLite's `user_version`; `MIGRATIONS[n]` takes a database from version n to
n + 1, so an older history file is upgraded in place the first time a newer Warden opens it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warden.model import WardenError

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 0 → 1: scans and their evaluations.
    (
        """CREATE TABLE scans (
            id INTEGER PRIMARY KEY, account_id TEXT NOT NULL, regions TEXT NOT NULL,
            started_at TEXT NOT NULL, finished_at TEXT NOT NULL, errors INTEGER NOT NULL)""",
        """CREATE TABLE evaluations (
            scan_id INTEGER NOT NULL REFERENCES scans(id), rule_id TEXT NOT NULL, controls TEXT NOT NULL,
            severity TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL,
            resource_arn TEXT NOT NULL, account_id TEXT NOT NULL, region TEXT NOT NULL,
            compliance TEXT NOT NULL, annotation TEXT NOT NULL, remediation_id TEXT)""",
    ),
    # 1 → 2: exemptions and partial scans are kept; lookups by scan and by resource are indexed.
    (
        "ALTER TABLE scans ADD COLUMN partial INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE evaluations ADD COLUMN exemption TEXT",
        "CREATE INDEX evaluations_by_scan ON evaluations(scan_id)",
        "CREATE INDEX scans_by_time ON scans(finished_at)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class HistoryError(WardenError):
    pass


def default_path() -> Path:
    """The user's data directory: XDG_DATA_HOME (or ~/.local/share) on Linux, its equivalents elsewhere."""
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    elif os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "warden" / "history.sqlite3"


def parse_since(text: str) -> dt.timedelta:
    """`30d`, `12h`, `2w` → a duration."""
    units = {"h": "hours", "d": "days", "w": "weeks"}
    number, unit = text[:-1], text[-1:].lower()
    if unit not in units or not number.isdigit() or int(number) <= 0:
        raise HistoryError(f"--since {text!r}: give a number and a unit, e.g. 30d, 12h or 2w")
    return dt.timedelta(**{units[unit]: int(number)})


@dataclass(frozen=True)
class Day:
    day: str
    score: float | None
    passed: int
    failed: int
    opened: int
    closed: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "score": self.score,
            "passed": self.passed,
            "failed": self.failed,
            "opened": self.opened,
            "closed": self.closed,
        }


class History:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(f"cannot open the scan history at {self.path}: {exc}") from None
        self._db.row_factory = sqlite3.Row
        self.migrate()

    def close(self) -> None:
        self._db.close()

    @property
    def version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self, target: int = SCHEMA_VERSION) -> None:
        current = self.version
        if current > SCHEMA_VERSION:
            raise HistoryError(f"{self.path} has schema version {current}, newer than this Warden ({SCHEMA_VERSION})")
        try:
            with self._db:
                for version in range(current, target):
                    for statement in MIGRATIONS[version]:
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {version + 1}")
        except sqlite3.Error as exc:
            raise HistoryError(f"cannot upgrade the scan history at {self.path}: {exc}") from None

    def record(self, result: Mapping[str, Any]) -> int:
        """Store one `warden.scan/v2` result; returns its scan id."""
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO scans (account_id, regions, started_at, finished_at, errors, partial) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    result["account_id"],
                    json.dumps(result["regions"]),
                    result["started_at"],
                    result["finished_at"],
                    len(result["errors"]),
                    int(bool(result.get("partial"))),
                ),
            )
            scan_id = int(cursor.lastrowid or 0)
            self._db.executemany(
                "INSERT INTO evaluations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        scan_id,
                        e["rule_id"],
                        " ".join(e["controls"]),
                        e["severity"],
                        e["resource_type"],
                        e["resource_id"],
                        e["resource_arn"],
                        e["account_id"],
                        e["region"],
                        e["compliance"],
                        e["annotation"],
                        e.get("remediation_id"),
                        json.dumps(e["exemption"]) if e.get("exemption") else None,
                    )
                    for e in result["evaluations"]
                ),
            )
        return scan_id

    def scans(self, since: dt.datetime) -> list[sqlite3.Row]:
        """Scans that finished at or after `since`, oldest first."""
        return list(
            self._db.execute(
                "SELECT * FROM scans WHERE finished_at >= ? ORDER BY finished_at",
                (since.isoformat(timespec="seconds"),),
            )
        )

    def _evaluations(self, scan_id: int) -> list[dict[str, Any]]:
        rows = self._db.execute("SELECT * FROM evaluations WHERE scan_id = ?", (scan_id,))
        out = []
        for row in rows:
            evaluation = {k: row[k] for k in row.keys() if k not in ("scan_id", "exemption")}  # noqa: SIM118 (Row iterates values)
            evaluation["controls"] = row["controls"].split() if row["controls"] else []
            if row["exemption"]:
                evaluation["exemption"] = json.loads(row["exemption"])
            out.append(evaluation)
        return out

    def latest_results(self, since: dt.datetime) -> list[dict[str, Any]]:
        """The newest scan of each account in the window, as scan results."""
        latest: dict[str, sqlite3.Row] = {}
        for scan in self.scans(since):
            latest[scan["account_id"]] = scan
        return [self._result(scan) for scan in latest.values()]

    def _result(self, scan: sqlite3.Row) -> dict[str, Any]:
        return {
            "schema": "warden.scan/v2",
            "account_id": scan["account_id"],
            "regions": json.loads(scan["regions"]),
            "started_at": scan["started_at"],
            "finished_at": scan["finished_at"],
            "evaluations": self._evaluations(scan["id"]),
            "errors": [],
            "partial": bool(scan["partial"]),
            "expired_exemptions": [],
        }

    def _state(self, scan: sqlite3.Row) -> dict[tuple[str, str, str], str]:
        return {_state_key(e): _effective(e) for e in self._evaluations(scan["id"])}

    def trend(self, since: dt.datetime) -> list[Day]:
        """Per day: the score of the accounts' state at the day's end, and findings opened and closed that day."""
        state: dict[tuple[str, str, str], str] = {}  # (account/region, rule, resource) → compliance
        days: dict[str, Day] = {}
        # The window starts from what each account's last earlier scan saw, so nothing is "opened" twice.
        baseline: dict[str, sqlite3.Row] = {}
        for scan in self._db.execute(
            "SELECT * FROM scans WHERE finished_at < ? ORDER BY finished_at", (since.isoformat(timespec="seconds"),)
        ):
            baseline[scan["account_id"]] = scan
        for scan in baseline.values():
            state.update(self._state(scan))
        for scan in self.scans(since):
            day = str(scan["finished_at"])[:10]
            opened = closed = 0
            regions = set(json.loads(scan["regions"]))
            current = self._state(scan)
            scope = {k for k in state if k[0].split("/")[0] == scan["account_id"] and k[0].split("/")[1] in regions}
            for key in scope | set(current):
                before, after = state.get(key), current.get(key)
                opened += after == "NON_COMPLIANT" and before != "NON_COMPLIANT"
                closed += before == "NON_COMPLIANT" and after != "NON_COMPLIANT"
            for key in scope - set(current):
                del state[key]
            state.update(current)
            passed = sum(v == "COMPLIANT" for v in state.values())
            failed = sum(v == "NON_COMPLIANT" for v in state.values())
            previous = days.get(day)
            days[day] = Day(
                day,
                round(100 * passed / (passed + failed), 1) if passed + failed else None,
                passed,
                failed,
                opened + (previous.opened if previous else 0),
                closed + (previous.closed if previous else 0),
            )
        return list(days.values())


def _state_key(evaluation: Mapping[str, Any]) -> tuple[str, str, str]:
    return (f"{evaluation['account_id']}/{evaluation['region']}", evaluation["rule_id"], evaluation["resource_arn"])


def _effective(evaluation: Mapping[str, Any]) -> str:
    """An exempt failure is not an open finding."""
    return "EXEMPT" if evaluation.get("exemption") else str(evaluation["compliance"])


def mean_time_to_remediate(records: Iterable[Mapping[str, Any]]) -> dt.timedelta | None:
    """From each finding's first DETECTED record to its REMEDIATED record, averaged over remediated findings."""
    detected: dict[tuple[str, str], str] = {}
    durations: list[dt.timedelta] = []
    for record in sorted(records, key=lambda r: str(r.get("time"))):
        key = (str(record.get("rule")), str(record.get("resource_arn")))
        if record.get("outcome") == "DETECTED":
            detected.setdefault(key, str(record["time"]))
        elif record.get("outcome") == "REMEDIATED" and key in detected:
            start = dt.datetime.fromisoformat(detected.pop(key))
            durations.append(dt.datetime.fromisoformat(str(record["time"])) - start)
    return sum(durations, dt.timedelta()) / len(durations) if durations else None


def render_trend(days: Sequence[Day], mttr: dt.timedelta | None) -> str:
    lines = [f"{'DAY':10}  {'SCORE':>6}  {'FAILED':>6}  {'OPENED':>6}  {'CLOSED':>6}"]
    for day in days:
        score = "n/a" if day.score is None else f"{day.score:.1f}%"
        lines.append(f"{day.day:10}  {score:>6}  {day.failed:6}  {day.opened:6}  {day.closed:6}")
    if not days:
        lines.append("(no scans in this window)")
    lines.append(f"mean time to remediate: {'n/a (no remediated findings)' if mttr is None else _duration(mttr)}")
    return "\n".join(lines) + "\n"


def _duration(value: dt.timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    days, minutes = divmod(minutes, 1440)
    hours, minutes = divmod(minutes, 60)
    return " ".join(f"{n}{u}" for n, u in ((days, "d"), (hours, "h"), (minutes, "m")) if n) or "under a minute"
