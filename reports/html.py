"""The report as one self-contained HTML page: no external script, font, stylesheet or request.

Everything that came from AWS (names, tags, annotations) is either escaped by `html.escape` on the
server side or placed into the page by the script with `textContent`, never parsed as markup. The
evaluations travel column by column as gzip-compressed, base64-encoded JSON (decompressed with the
browser's own DecompressionStream), so 100,000 of them take under 1 MB; the table is paginated.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
from collections.abc import Mapping, Sequence
from html import escape
from importlib import resources
from operator import attrgetter
from typing import Any

from warden.reports.model import (
    EXEMPT,
    FAILED,
    NO_RESOURCES,
    NOT_COVERED,
    NOT_EVALUATED,
    PASSED,
    SEVERITY_ORDER,
    Report,
    Tally,
)

from warden.remediation import Plan

ROW_FIELDS = (
    "status",
    "severity",
    "rule_id",
    "controls",
    "service",
    "resource_type",
    "resource_id",
    "resource_arn",
    "account_id",
    "region",
    "annotation",
    "remediation_id",
)
CHART_TOP = 15
BAR_WIDTH = 320


def _asset(name: str) -> str:
    return resources.files("warden.reports").joinpath(f"assets/{name}").read_text()


def _score(tally: Tally) -> str:
    return "n/a" if tally.score is None else f"{tally.score:.1f}%"


def _bars(title: str, groups: Mapping[str, Tally], top: int = CHART_TOP, ordered: bool = False) -> str:
    """A horizontal stacked bar chart (passed / failed / exempt) as inline SVG, most failures first unless `ordered`."""
    items = [(k, t) for k, t in groups.items() if t.passed + t.failed + t.exempt]
    if not ordered:
        items.sort(key=lambda kv: (-kv[1].failed, kv[0]))
    items = items[:top]
    if not items:
        return f'<figure class="chart"><figcaption>{escape(title)}</figcaption><p class="muted">No data.</p></figure>'
    widest = max(t.passed + t.failed + t.exempt for _, t in items)
    row_height, label_width = 22, 150
    height = row_height * len(items) + 4
    parts = [
        f'<figure class="chart"><figcaption>{escape(title)}</figcaption>'
        f'<svg role="img" viewBox="0 0 {label_width + BAR_WIDTH + 70} {height}" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">'
    ]
    for index, (label, tally) in enumerate(items):
        y = index * row_height + 2
        parts.append(f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{escape(label[:24])}</text>')
        x = float(label_width)
        for value, css in ((tally.failed, "fail"), (tally.exempt, "exempt"), (tally.passed, "pass")):
            if value:
                width = BAR_WIDTH * value / widest
                parts.append(
                    f'<rect class="{css}" x="{x:.1f}" y="{y}" width="{max(width, 1):.1f}" height="{row_height - 6}">'
                    f"<title>{escape(label)}: {value} {css}</title></rect>"
                )
                x += width
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 15}">{tally.failed}/{tally.evaluated}</text>')
    parts.append("</svg></figure>")
    return "".join(parts)


def _trend(points: Sequence[Mapping[str, Any]]) -> str:
    """Compliance score per day as an inline SVG polyline."""
    scored = [p for p in points if p.get("score") is not None]
    if len(scored) < 2:
        return '<figure class="chart"><figcaption>Score over time</figcaption><p class="muted">' + (
            "One scan so far: the trend appears after the next one.</p></figure>"
        )
    width, height = 420, 120
    step = width / (len(scored) - 1)
    coords = " ".join(f"{i * step:.1f},{height - float(p['score']) * height / 100:.1f}" for i, p in enumerate(scored))
    labels = f'<text x="0" y="{height + 14}">{escape(str(scored[0]["day"]))}</text>' + (
        f'<text x="{width}" y="{height + 14}" text-anchor="end">{escape(str(scored[-1]["day"]))}</text>'
    )
    return (
        '<figure class="chart"><figcaption>Score over time</figcaption>'
        f'<svg role="img" viewBox="-4 -4 {width + 8} {height + 22}" aria-label="Score over time">'
        f'<polyline class="trend" points="{coords}"/>{labels}</svg></figure>'
    )


def _framework_tables(report: Report) -> str:
    out = []
    for view in report.frameworks:
        counts = view.counts()
        score = "n/a" if view.score is None else f"{view.score:.1f}%"
        summary = ", ".join(
            f"{counts.get(s, 0)} {s.lower().replace('_', ' ')}"
            for s in (PASSED, FAILED, EXEMPT, NOT_EVALUATED, NO_RESOURCES, NOT_COVERED)
        )
        rows = "".join(
            f'<tr class="req-{r.status.lower()}"><td>{escape(r.id)}</td><td>{escape(r.title)}</td>'
            f"<td>{escape(r.status.replace('_', ' ').lower())}</td><td>{r.tally.failed}</td><td>{r.tally.passed}</td>"
            f"<td>{escape('; '.join(r.reasons))}</td></tr>"
            for r in view.requirements
        )
        out.append(
            f'<details class="framework" data-framework="{escape(view.id)}"><summary><strong>'
            f"{escape(view.title)} {escape(view.version)}</strong>: {score} of evaluated requirements pass "
            f"({summary})</summary><table><thead><tr><th>requirement</th><th>title</th><th>status</th>"
            f"<th>failed</th><th>passed</th><th>why not evaluated</th></tr></thead><tbody>{rows}</tbody></table>"
            "</details>"
        )
    return "".join(out)


def _coverage_gaps(report: Report) -> str:
    gaps = [(v.title, r) for v in report.frameworks for r in v.requirements if r.status == NOT_COVERED]
    if not gaps:
        return "<p>Every requirement of the selected frameworks has a Warden rule.</p>"
    items = "".join(f"<li>{escape(title)} <strong>{escape(r.id)}</strong> {escape(r.title)}</li>" for title, r in gaps)
    return (
        f'<p>{len(gaps)} requirements have no Warden rule (never counted as passed):</p><ul class="gaps">{items}</ul>'
    )


def _exemptions(report: Report, today: dt.date) -> str:
    exempt = [r for r in report.rows if r.exemption]
    if not exempt:
        return "<p>No exemptions applied.</p>"
    rows = []
    for row in exempt:
        exemption = row.exemption or {}
        expires = str(exemption.get("expires") or "")
        expired = bool(expires) and expires < today.isoformat()
        rows.append(
            f'<tr class="{"expired" if expired else ""}"><td>{escape(row.rule_id)}</td>'
            f"<td>{escape(row.resource_id)}</td>"
            f"<td>{escape(str(exemption.get('owner') or ''))}</td><td>{escape(str(exemption.get('reason') or ''))}</td>"
            f"<td>{escape(expires or 'never')}{' (expired)' if expired else ''}</td></tr>"
        )
    return (
        "<table><thead><tr><th>rule</th><th>resource</th><th>owner</th><th>reason</th><th>expires</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _audit(report: Report) -> dict[str, list[dict[str, Any]]]:
    history: dict[str, list[dict[str, Any]]] = {}
    for arn, records in report.audit.items():
        entries = []
        for record in records:
            entry = {k: record.get(k) for k in ("time", "outcome", "actor", "detail", "id", "rule")}
            if record.get("plan"):
                try:
                    entry["diff"] = Plan.from_dict(record["plan"]).diff()
                except (KeyError, TypeError, ValueError):
                    entry["diff"] = None
            entries.append(entry)
        history[arn] = entries
    return history


def _column(values: Sequence[Any]) -> dict[str, list[Any]]:
    """A column as its distinct values plus each row's index into them, or as plain values when few repeat.

    Most columns hold a handful of values (status, rule, account, region): the page parses small integers
    and filters by comparing them, and its filter lists are the distinct values, found without a scan.
    """
    distinct = dict.fromkeys(values)
    if 2 * len(distinct) > len(values):
        return {"values": list(values)}
    code = {value: index for index, value in enumerate(distinct)}
    return {"values": list(distinct), "codes": list(map(code.__getitem__, values))}


def _arn_column(arns: Sequence[str], resource_ids: Sequence[str]) -> dict[str, Any]:
    """ARNs without the resource id most of them end with: what is left repeats, so it codes small.

    Half the page's size otherwise. An ARN that does not end with its resource's id is kept whole, by row.
    """
    heads: list[str] = []
    whole: dict[str, str] = {}
    for index, (arn, resource_id) in enumerate(zip(arns, resource_ids, strict=True)):
        if resource_id and arn.endswith(resource_id):
            heads.append(arn[: len(arn) - len(resource_id)])
        else:
            heads.append("")
            whole[str(index)] = arn
    return {**_column(heads), "whole": whole}


def _payload(report: Report) -> str:
    """The rows column by column, gzip-compressed and base64-encoded."""
    values = {name: list(map(attrgetter(name), report.rows)) for name in ROW_FIELDS}
    columns = {name: _column(values[name]) for name in ROW_FIELDS if name != "resource_arn"}
    columns["resource_arn"] = _arn_column(values["resource_arn"], values["resource_id"])
    columns["controls"]["values"] = [" ".join(controls) for controls in columns["controls"]["values"]]
    columns["remediation_id"]["values"] = [fix or "" for fix in columns["remediation_id"]["values"]]
    document = {
        "count": len(report.rows),
        "columns": columns,
        "exemptions": {str(i): dict(r.exemption) for i, r in enumerate(report.rows) if r.exemption},
        "rules": report.rules,
        "remediations": report.remediations,
        "audit": _audit(report),
    }
    raw = json.dumps(document, separators=(",", ":")).encode()
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


def render_html(report: Report, today: dt.date | None = None) -> str:
    totals = report.totals
    today = today or dt.date.fromisoformat(report.generated_at[:10])
    facts = {
        "evaluations": len(report.rows),
        "passed": totals.passed,
        "failed": totals.failed,
        "exempt": totals.exempt,
        "not_evaluated": totals.not_evaluated,
        "not_applicable": totals.not_applicable,
        "errors": len(report.errors),
    }
    tiles = "".join(
        f'<div class="tile {k}"><span class="n" data-count="{k}">{v}</span><span>{k.replace("_", " ")}</span></div>'
        for k, v in facts.items()
    )
    severities = {s: report.by_severity[s] for s in SEVERITY_ORDER if s in report.by_severity}
    warning = (
        f'<p class="warning">{len(report.errors)} reads failed: what they cover was not evaluated'
        f"{' and this scan is partial' if report.partial else ''}.</p>"
        if report.errors or report.partial
        else ""
    )
    errors = "".join(
        f"<tr><td>{escape(str(e.get('account_id') or ''))}</td><td>{escape(str(e.get('region')))}</td>"
        f"<td>{escape(str(e.get('operation')))}</td><td>{escape(str(e.get('resource_id') or ''))}</td>"
        f"<td>{escape(str(e.get('error_code')))}</td><td>{escape(str(e.get('message')))}</td></tr>"
        for e in report.errors[:500]
    )
    body = f"""<header>
<h1>Warden compliance report</h1>
<p class="meta">Accounts {escape(", ".join(report.accounts))} · regions {escape(", ".join(report.regions))} ·
generated {escape(report.generated_at)}</p>
<div class="headline"><div class="score" data-score="{_score(totals)}">{_score(totals)}</div>
<div>of evaluated resources pass ({totals.passed} of {totals.evaluated}); exempt, not applicable and
not evaluated resources are counted apart.</div></div>
{warning}
<div class="tiles">{tiles}</div>
</header>
<section id="charts"><h2>Where it fails</h2><div class="charts">
{_bars("By control", report.by_control)}{_bars("By service", report.by_service)}
{_bars("By severity", severities, ordered=True)}{_bars("By account / region", report.by_location)}{_trend(report.trend)}
</div></section>
<section id="findings"><h2>Evaluations</h2>
<form class="filters" id="filters" autocomplete="off">
<input type="search" id="search" placeholder="Search resource, rule, annotation…" aria-label="Search">
<select id="f-status" data-field="status" aria-label="Status"><option value="">any status</option></select>
<select id="f-severity" data-field="severity" aria-label="Severity"><option value="">any severity</option></select>
<select id="f-service" data-field="service" aria-label="Service"><option value="">any service</option></select>
<select id="f-control" data-field="controls" aria-label="Control"><option value="">any control</option></select>
<select id="f-account" data-field="account_id" aria-label="Account"><option value="">any account</option></select>
<select id="f-region" data-field="region" aria-label="Region"><option value="">any region</option></select>
</form>
<p class="muted"><span id="shown">0</span> of <span id="total">0</span> evaluations match ·
<button type="button" id="prev">◀</button> page <span id="page">1</span> of <span id="pages">1</span>
<button type="button" id="next">▶</button></p>
<div class="scroll"><table id="rows"><thead><tr>
<th data-sort="status">status</th><th data-sort="severity">severity</th><th data-sort="controls">control</th>
<th data-sort="rule_id">rule</th><th data-sort="resource_id">resource</th><th data-sort="account_id">account</th>
<th data-sort="region">region</th><th data-sort="annotation">why</th></tr></thead><tbody></tbody></table></div>
</section>
<section id="exemptions"><h2>Exemptions</h2>{_exemptions(report, today)}</section>
<section id="frameworks"><h2>Frameworks</h2>{_framework_tables(report)}</section>
<section id="gaps"><h2>Coverage gaps</h2>{_coverage_gaps(report)}</section>
<section id="errors"><h2>Read errors</h2>{
        "<p>None: everything Warden was asked to read was read.</p>"
        if not report.errors
        else "<table><thead><tr><th>account</th><th>region</th><th>operation</th><th>resource</th><th>code</th>"
        f"<th>message</th></tr></thead><tbody>{errors}</tbody></table>"
    }</section>"""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">"
        f"<title>Warden report {escape(report.generated_at)}</title><style>{_asset('report.css')}</style></head>"
        f"<body>{body}"
        f'<script type="application/octet-stream" id="payload">{_payload(report)}</script>'
        f"<script>{_asset('report.js')}</script></body></html>\n"
    )
