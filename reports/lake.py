"""The day's evaluations as JSON Lines, partitioned the way Athena (and DuckDB) read them.

    <prefix>/evaluations/account=<id>/region=<region>/date=<yyyy-mm-dd>/evaluations.jsonl
    <prefix>/html/date=<yyyy-mm-dd>/report.html

The Glue table in template.yaml (`warden_evaluations`) describes the same columns.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable

from warden.reports.model import Report, Row

# The table's columns, in order; account, region and date are partition keys taken from the path.
COLUMNS = (
    ("rule_id", "string"),
    ("controls", "array<string>"),
    ("severity", "string"),
    ("service", "string"),
    ("resource_type", "string"),
    ("resource_id", "string"),
    ("resource_arn", "string"),
    ("compliance", "string"),
    ("status", "string"),
    ("annotation", "string"),
    ("remediation_id", "string"),
)
PARTITION_KEYS = ("account", "region", "date")


def _line(row: Row) -> str:
    record = row.to_dict()
    return json.dumps({name: record[name] for name, _ in COLUMNS}, separators=(",", ":")) + "\n"


def partitions(report: Report, day: dt.date) -> dict[str, str]:
    """Object key (under the prefix) → JSON Lines body, one object per account, region and day."""
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in report.rows:
        grouped[(row.account_id, row.region)].append(_line(row))
    return {
        f"evaluations/account={account}/region={region}/date={day.isoformat()}/evaluations.jsonl": "".join(lines)
        for (account, region), lines in sorted(grouped.items())
    }


def write(put: Callable[[str, str, str], None], report: Report, html: str, day: dt.date) -> list[str]:
    """Write the partitions and the rendered page through `put(key, body, content_type)`; returns the keys."""
    keys = []
    for key, body in partitions(report, day).items():
        put(key, body, "application/x-ndjson")
        keys.append(key)
    html_key = f"html/date={day.isoformat()}/report.html"
    put(html_key, html, "text/html; charset=utf-8")
    return [*keys, html_key]
