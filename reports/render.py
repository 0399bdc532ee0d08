"""Every report format, by name; each renders the one report model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from warden.reports.asff import render_asff
from warden.reports.history import Day, render_trend
from warden.reports.html import render_html
from warden.reports.junit import render_junit
from warden.reports.markdown import render_markdown
from warden.reports.model import NOT_COVERED, Report
from warden.reports.ocsf import render_ocsf
from warden.reports.tabular import render_csv, render_json


def render_table(report: Report) -> str:
    """The terminal view: headline, then each framework's requirement table."""
    totals = report.totals
    score = "n/a" if totals.score is None else f"{totals.score:.1f}%"
    lines = [
        f"Score {score}: {totals.passed} passed, {totals.failed} failed, {totals.exempt} exempt, "
        f"{totals.not_evaluated} not evaluated, {totals.not_applicable} not applicable; "
        f"{len(report.errors)} read errors" + (" (partial)" if report.partial else ""),
    ]
    for view in report.frameworks:
        counts = view.counts()
        fscore = "n/a" if view.score is None else f"{view.score:.1f}%"
        lines += [
            "",
            f"{view.title} {view.version}: {fscore} of evaluated requirements pass; "
            f"{counts.get(NOT_COVERED, 0)} of {len(view.requirements)} requirements not covered by Warden",
            f"  {'REQUIREMENT':14} {'STATUS':14} {'FAILED':>6} {'PASSED':>6}  TITLE",
        ]
        for requirement in view.requirements:
            lines.append(
                f"  {requirement.id:14} {requirement.status.lower().replace('_', ' '):14} "
                f"{requirement.tally.failed:6} {requirement.tally.passed:6}  {requirement.title[:80]}"
            )
            lines += [f"  {'':14} why: {reason}" for reason in requirement.reasons[:3]]
    if report.trend or report.mean_time_to_remediate_s is not None:
        mttr = report.mean_time_to_remediate_s
        days = [Day(**point) for point in report.trend]
        lines += ["", render_trend(days, None if mttr is None else dt.timedelta(seconds=mttr)).rstrip("\n")]
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Report], str]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
    "junit": render_junit,
    "html": render_html,
    "ocsf": render_ocsf,
    "asff": render_asff,
}
