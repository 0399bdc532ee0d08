"""A short Markdown summary for a pull-request comment or a CI job summary."""

from __future__ import annotations

from warden.reports.model import FAILED, Report, Tally

TOP = 10


def _score(tally: Tally) -> str:
    return "n/a" if tally.score is None else f"{tally.score:.1f} %"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def render_markdown(report: Report) -> str:
    totals = report.totals
    lines = [
        "## Warden compliance report",
        "",
        f"**Score {_score(totals)}** — {totals.passed} passed, {totals.failed} failed, {totals.exempt} exempt, "
        f"{totals.not_evaluated} not evaluated, {totals.not_applicable} not applicable; "
        f"{len(report.errors)} read errors{' (partial scan)' if report.partial else ''}.",
        f"Accounts: {', '.join(report.accounts)} · regions: {', '.join(report.regions)} · {report.generated_at}",
        "",
    ]
    if report.errors:
        lines += ["> [!WARNING]", f"> {len(report.errors)} reads failed: what they cover was not evaluated.", ""]
    failing = sorted(
        ((control, t) for control, t in report.by_control.items() if t.failed), key=lambda kv: -kv[1].failed
    )
    if failing:
        lines += ["| control | failed | passed | score |", "| --- | ---: | ---: | ---: |"]
        lines += [f"| {c} | {t.failed} | {t.passed} | {_score(t)} |" for c, t in failing[:TOP]]
        if len(failing) > TOP:
            lines.append(f"| … {len(failing) - TOP} more | | | |")
        lines.append("")
    findings = [r for r in report.rows if r.status == FAILED]
    if findings:
        lines += ["<details><summary>Findings</summary>", "", "| severity | rule | resource | why |"]
        lines.append("| --- | --- | --- | --- |")
        lines += [
            f"| {r.severity} | {r.rule_id} | {_cell(r.resource_id)} | {_cell(r.annotation)} |" for r in findings[:50]
        ]
        if len(findings) > 50:
            lines.append(f"| | | … {len(findings) - 50} more | |")
        lines += ["", "</details>", ""]
    for view in report.frameworks:
        counts = view.counts()
        score = "n/a" if view.score is None else f"{view.score:.1f} %"
        lines.append(
            f"- **{view.title} {view.version}**: {score} of evaluated requirements pass "
            f"({counts.get('PASSED', 0)} passed, {counts.get('FAILED', 0)} failed, "
            f"{counts.get('NOT_EVALUATED', 0)} not evaluated, {counts.get('NOT_COVERED', 0)} not covered by Warden)"
        )
    return "\n".join(lines).rstrip() + "\n"
