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
)
_MARK = {
    Compliance.COMPLIANT: "ok  ",
    Compliance.NON_COMPLIANT: "FAIL",
    Compliance.NOT_APPLICABLE: "n/a ",
    Compliance.INSUFFICIENT_DATA: "?   ",
}


def render_json(result: dict[str, Any]) -> str:
    return json.dumps(result, indent=2) + "\n"


def render_csv(result: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for evaluation in result["evaluations"]:
        writer.writerow({**evaluation, "controls": " ".join(evaluation["controls"])})
    return out.getvalue()


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(result: dict[str, Any], show_compliant: bool = False) -> str:
    """Findings first, worst severity first; a summary line per compliance state."""
    evaluations = [Evaluation.from_dict(e) for e in result["evaluations"]]
    shown = [e for e in evaluations if show_compliant or e.compliance is Compliance.NON_COMPLIANT]
    shown.sort(key=lambda e: (-e.severity.rank, e.rule_id, e.resource_id))
    lines = [
        f"Account {result['account_id']}  regions {', '.join(result['regions'])}  "
        f"{result['started_at']} → {result['finished_at']}",
        "",
    ]
    if shown:
        lines.append(f"{'':4}  {'SEVERITY':8}  {'CONTROL':13}  {'RULE':42}  {'RESOURCE':50}  WHY")
        for e in shown:
            lines.append(
                f"{_MARK[e.compliance]}  {e.severity.value:8}  {_clip(','.join(e.controls) or '-', 13):13}  "
                f"{_clip(e.rule_id, 42):42}  {_clip(e.resource_id, 50):50}  {_clip(e.annotation, 90)}"
            )
    else:
        lines.append("No findings.")
    counts = Counter(e.compliance for e in evaluations)
    lines.append("")
    lines.append(
        f"{len(evaluations)} evaluations: {counts[Compliance.NON_COMPLIANT]} non-compliant, "
        f"{counts[Compliance.COMPLIANT]} compliant, {counts[Compliance.NOT_APPLICABLE]} not applicable; "
        f"{len(result['errors'])} read errors."
    )
    for error in result["errors"][:20]:
        lines.append(
            f"  error  {error['region']}  {error['operation']}  {error.get('resource_id', '')}  {error['error_code']}"
        )
    if len(result["errors"]) > 20:
        lines.append(f"  … {len(result['errors']) - 20} more errors in the JSON output")
    return "\n".join(lines) + "\n"


RENDERERS = {"table": render_table, "json": render_json, "csv": render_csv}
