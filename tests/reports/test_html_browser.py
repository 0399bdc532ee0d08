"""The HTML report in a real headless Chromium (Debian's package; `make test` installs it)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from warden.reports import model
from warden.reports.render import RENDERERS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent.parent.parent / "out" / "test-artifacts"
# Without these Chromium tries Google's hosts at every start, which this machine's network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing_browser() -> bool:
    return not Path(CHROMIUM).exists()


pytestmark = pytest.mark.skipif(
    _missing_browser() and not os.environ.get("CI"), reason="Chromium is not installed (make test installs it)"
)


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def opened(browser, results, tmp_path):
    """The page, loaded from a file, with every request, console error and dialog recorded."""
    report = model.build(results)
    path = tmp_path / "report.html"
    path.write_text(RENDERERS["html"](report))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='true']", timeout=15000)
    yield page, report, seen
    page.close()


def _shown(page) -> int:
    page.wait_for_timeout(150)  # the search box waits 80 ms for typing to pause
    return int(page.inner_text("#shown"))


def test_renders_offline_with_no_errors_and_the_models_counts(opened):
    page, report, seen = opened
    assert seen["errors"] == []
    assert [url for url in seen["requests"] if not url.startswith("file:")] == []
    assert int(page.inner_text("[data-count='failed']")) == report.totals.failed
    assert int(page.inner_text("[data-count='passed']")) == report.totals.passed
    assert int(page.inner_text("#total")) == len(report.rows)
    assert page.locator("#rows tbody tr.row").count() == min(100, len(report.rows))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=False)


def test_search_and_each_filter_show_exactly_the_matching_rows(opened):
    page, report, _ = opened
    target = next(r for r in report.rows if r.status == "FAILED")
    page.fill("#search", target.resource_id)
    assert _shown(page) == sum(target.resource_id.lower() in r.resource_arn.lower() for r in report.rows)
    page.fill("#search", "")
    for select, field in (
        ("#f-status", "status"),
        ("#f-severity", "severity"),
        ("#f-service", "service"),
        ("#f-account", "account_id"),
        ("#f-region", "region"),
    ):
        value = getattr(report.rows[0], field)
        page.select_option(select, value)
        assert _shown(page) == sum(getattr(r, field) == value for r in report.rows), select
        page.select_option(select, "")
    control = report.rows[0].controls[0]
    page.select_option("#f-control", control)
    assert _shown(page) == sum(control in r.controls for r in report.rows)


def test_a_finding_expands_to_its_annotation_rule_and_remediation(opened):
    page, report, _ = opened
    page.select_option("#f-status", "FAILED")
    page.click("#rows tbody tr.row >> nth=0")
    detail = page.inner_text("#rows tbody tr.detail")
    first = next(r for r in report.rows if r.status == "FAILED")
    assert first.annotation in detail
    assert report.rules[first.rule_id]["title"] in detail
    if first.remediation_id:
        assert f"Remediation {first.remediation_id}" in detail


def test_a_script_in_a_resource_name_renders_as_text(opened):
    page, report, seen = opened
    hostile = next(r for r in report.rows if r.resource_id.startswith("<script>"))
    page.fill("#search", "<script>")
    assert _shown(page) >= 1
    cells = page.locator("#rows tbody tr.row td:nth-child(5)").all_inner_texts()
    assert hostile.resource_id in cells
    page.wait_for_timeout(200)
    assert seen["dialogs"] == []
    assert page.locator("#rows img").count() == 0


def test_readable_on_a_narrow_screen(opened):
    page, _, _ = opened
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-narrow.png"), full_page=False)


def test_sorting_by_a_column_orders_every_page_and_reverses_on_a_second_click(opened):
    page, report, _ = opened
    ranks = model.SEVERITY_ORDER
    page.click("th[data-sort='severity']")
    severities = [s.upper() for s in page.locator("#rows tbody tr.row td:nth-child(2)").all_inner_texts()]
    assert [ranks.index(s) for s in severities] == sorted(ranks.index(s) for s in severities)
    assert severities[0] == min((r.severity for r in report.rows), key=ranks.index)
    page.click("th[data-sort='resource_id']")
    page.click("th[data-sort='resource_id']")
    descending = page.locator("#rows tbody tr.row td:nth-child(5)").all_inner_texts()
    assert page.evaluate("(ids) => ids.every((id, i) => !i || ids[i - 1].localeCompare(id) >= 0)", descending)
    page.click("#next")
    assert page.inner_text("#page") == "2"
    following = page.locator("#rows tbody tr.row td:nth-child(5)").all_inner_texts()
    assert page.evaluate("([a, b]) => a.localeCompare(b) >= 0", [descending[-1], following[0]])


def test_a_resource_shows_its_own_arn_also_when_it_does_not_end_with_the_resource_id(browser, results, tmp_path):
    # The page carries most ARNs without the resource id they end with; this one keeps its whole ARN.
    evaluation = results[0]["evaluations"][0]
    evaluation["resource_arn"] = f"arn:aws:s3:::elsewhere-{evaluation['resource_id']}-copy"
    report = model.build(results)
    path = tmp_path / "report.html"
    path.write_text(RENDERERS["html"](report))
    page = browser.new_page()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='true']", timeout=15000)
    for wanted in (evaluation, next(r for r in report.rows if r.resource_arn != evaluation["resource_arn"])._asdict()):
        page.fill("#search", wanted["resource_arn"])
        assert _shown(page) == 1
        page.click("#rows tbody tr.row >> nth=0")
        assert f"Resource: {wanted['resource_arn']} (" in page.inner_text("#rows tbody tr.detail")
        page.click("#rows tbody tr.row >> nth=0")
    page.close()


def test_a_report_without_evaluations_renders_an_empty_table(browser, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(RENDERERS["html"](model.build([])))
    page = browser.new_page()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='true']", timeout=15000)
    assert (page.inner_text("#shown"), page.inner_text("#total"), page.inner_text("#pages")) == ("0", "0", "1")
    page.close()
