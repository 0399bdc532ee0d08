"""Render a scan result as a terminal table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Any

from warden.model import Compliance, Evaluation

CSV_FIELDS = (
    "rule_id",
    "controls",
    "severity",
    "compliance",
    "resource_type",
    "resource_id",
    "resource_arn",
    "region",
    "account_id",
    "annotation",
    "remediation_id",
    "exemption_owner",
    "exemption_reason",
    "exemption_expires",
)
_MARK = {
    Compliance.COMPLIANT: "ok",
    Compliance.NON_COMPLIANT: "FAIL",
    Compliance.NOT_APPLICABLE: "n/a",
    Compliance.INSUFFICIENT_DATA: "?",
}
EXEMPT_MARK = "EXEMPT"
# ANSI colours for the mark column only, so column widths never count escape codes.
_COLOURS = {"FAIL": "31", EXEMPT_MARK: "33", "ok": "32"}
MIN_WHY_WIDTH = 30  # narrower than this, the annotation goes on a line of its own
MIN_RESOURCE_WIDTH = 24  # resources are shortened to fit a terminal, never below this
MAX_ERRORS_SHOWN = 20


def render_json(result: dict[str, Any]) -> str:
    return json.dumps(result, indent=2) + "\n"


def render_csv(result: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for evaluation in result["evaluations"]:
        exemption = evaluation.get("exemption") or {}
        writer.writerow(
            {
                **evaluation,
                "controls": " ".join(evaluation["controls"]),
                "exemption_owner": exemption.get("owner", ""),
                "exemption_reason": exemption.get("reason", ""),
                "exemption_expires": exemption.get("expires") or "",
            }
        )
    return out.getvalue()


def incomplete_summary(result: dict[str, Any]) -> str | None:
    """How much of what was asked could not be evaluated, in one sentence; None when everything was read."""
    errors, stats = result["errors"], result.get("stats", {})
    if not errors:
        return None
    parts = []
    if stats.get("listings_failed"):
        parts.append(f"{stats['listings_failed']} of {stats['listings']} listings failed, so what they hold is unknown")
    if stats.get("resources_unread"):
        parts.append(
            f"{stats['resources_unread']} of {stats['resources_listed']} resources could not be fully read, "
            f"so {stats['evaluations_skipped']} rule evaluations were not run"
        )
    detail = "; ".join(parts) or "see the errors below"
    return f"{len(errors)} read error{'s' if len(errors) != 1 else ''}: {detail}."


def resource_label(evaluation: Evaluation) -> str:
    """The ARN without its `arn:partition:service:region:account:` prefix: short, named, and still unique."""
    parts = evaluation.resource_arn.split(":", 5)
    tail = parts[5].lstrip("/") if len(parts) == 6 else ""
    return tail if tail and tail != "root" else evaluation.resource_id


def _shorten(labels: list[str], width: int) -> list[str]:
    """Shorten in the middle (the type in front and the name at the end say most), if they stay distinct."""
    head = width // 3
    tail = width - head - 1

    def short(label: str) -> str:
        return label if len(label) <= width else f"{label[:head]}…{label[-tail:]}"

    shortened = [short(label) for label in labels]
    return shortened if len(set(shortened)) == len(set(labels)) else labels


def _clip(text: str, width: int | None) -> str:
    if width is None or len(text) <= width:
        return text
    return text[: max(width - 1, 0)] + "…"


def render_table(
    result: dict[str, Any], show_compliant: bool = False, width: int | None = None, colour: bool = False
) -> str:
    """Findings first, worst severity first, exempt ones last; `width` fits a terminal (None: no clipping)."""
    raw = result["evaluations"]
    evaluations = [Evaluation.from_dict(e) for e in raw]
    exemptions = [e.get("exemption") for e in raw]
    rows = [
        (e, x)
        for e, x in zip(evaluations, exemptions, strict=True)
        if show_compliant or e.compliance is Compliance.NON_COMPLIANT
    ]
    rows.sort(key=lambda row: (row[1] is not None, -row[0].severity.rank, row[0].rule_id, resource_label(row[0])))
    accounts = result.get("accounts")  # an organization scan: say how many of its accounts were scanned
    scanned = sum(1 for a in accounts or () if a["status"] == "scanned")
    who = f"Account {result['account_id']}"
    if accounts:
        who = f"Organization scan from account {result['account_id']}: {scanned} of {len(accounts)} accounts scanned,"
    lines = [f"{who}  regions {', '.join(result['regions'])}  {result['started_at']} → {result['finished_at']}"]
    if result.get("partial"):
        lines.append("PARTIAL: the scan was interrupted; this is what it found until then.")
    incomplete = incomplete_summary(result)
    if incomplete:
        lines.append(f"INCOMPLETE: {incomplete}")
    lines.append("")
    if rows:
        by_region, by_account = len(set(result["regions"])) > 1, len({e.account_id for e in evaluations}) > 1
        lines.extend(_rows(rows, by_region, by_account, width, colour))
    else:
        lines.append("No findings in what could be read." if result["errors"] else "No findings.")
    counts = Counter(e.compliance for e in evaluations)
    exempt = sum(1 for x in exemptions if x)
    lines.append("")
    lines.append(
        f"{len(evaluations)} evaluations: {counts[Compliance.NON_COMPLIANT]} non-compliant"
        f"{f' ({exempt} exempt)' if exempt else ''}, {counts[Compliance.COMPLIANT]} compliant, "
        f"{counts[Compliance.NOT_APPLICABLE]} not applicable; {len(result['errors'])} read errors."
    )
    for error in result["errors"][:MAX_ERRORS_SHOWN]:
        lines.append(
            f"  error  {error['region']}  {error['operation']}  {error.get('resource_id', '')}  {error['error_code']}"
        )
    if len(result["errors"]) > MAX_ERRORS_SHOWN:
        lines.append(f"  … {len(result['errors']) - MAX_ERRORS_SHOWN} more errors in the JSON output")
    for expired in result.get("expired_exemptions", []):
        lines.append(
            f"  expired exemption, no longer applied: {expired['rule']} on {expired['resource']} "
            f"(owner {expired['owner']}, expired {expired['expires']}): {expired['reason']}"
        )
    return "\n".join(lines) + "\n"


def _rows(
    rows: list[tuple[Evaluation, dict[str, Any] | None]],
    by_region: bool,
    by_account: bool,
    width: int | None,
    colour: bool,
) -> list[str]:
    table = []
    for evaluation, exemption in rows:
        why = evaluation.annotation
        if exemption:
            until = f" until {exemption['expires']}" if exemption["expires"] else ""
            why = f"exempt by {exemption['owner']}{until}: {exemption['reason']} ({evaluation.annotation})"
        cells = [
            EXEMPT_MARK if exemption else _MARK[evaluation.compliance],
            evaluation.severity.value,
            ",".join(evaluation.controls) or "-",
            evaluation.rule_id,
            *([evaluation.account_id] if by_account else []),
            *([evaluation.region] if by_region else []),
            resource_label(evaluation),
        ]
        table.append((cells, why))
    header = ["", "SEVERITY", "CONTROL", "RULE", *(["ACCOUNT"] if by_account else [])]
    header += [*(["REGION"] if by_region else []), "RESOURCE"]
    widths = [max(len(cells[i]) for cells in [header, *(c for c, _ in table)]) for i in range(len(header))]
    if width is not None and sum(widths) + 2 * (len(widths) - 1) > width:
        budget = max(width - sum(widths[:-1]) - 2 * (len(widths) - 1), MIN_RESOURCE_WIDTH)
        for (cells, _), label in zip(table, _shorten([cells[-1] for cells, _ in table], budget), strict=True):
            cells[-1] = label
        widths[-1] = max(len(cells[-1]) for cells in [header, *(c for c, _ in table)])
    used = sum(widths) + 2 * len(widths)
    why_width = None if width is None else width - used
    inline = why_width is None or why_width >= MIN_WHY_WIDTH
    titles = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    lines = [titles + "  WHY" if inline else titles.rstrip()]
    for cells, why in table:
        line = "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
        if colour and cells[0] in _COLOURS:
            line = f"\033[{_COLOURS[cells[0]]}m{cells[0]}\033[0m{line[len(cells[0]) :]}"
        if inline:
            lines.append(f"{line}  {_clip(why, why_width)}")
        else:  # the resource is never clipped: two resources must not read the same
            lines.append(line.rstrip())
            lines.append("      " + _clip(why, None if width is None else width - 6))
    return lines


RENDERERS = {"table": render_table, "json": render_json, "csv": render_csv}
