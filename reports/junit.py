"""Evaluations as JUnit XML: a suite per rule, a case per resource, findings as failures.

Written with the standard library's ElementTree (a report of 100,000 evaluations renders in about a
second); the tests read it back with junitparser, as CI systems would.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from warden.reports.model import EXEMPT, FAILED, NOT_APPLICABLE, NOT_EVALUATED, Report, Row

OUTCOME_TAG = {FAILED: "failure", NOT_EVALUATED: "error", EXEMPT: "skipped", NOT_APPLICABLE: "skipped"}


def _case(suite: ET.Element, row: Row) -> None:
    case = ET.SubElement(
        suite, "testcase", name=f"{row.resource_id} ({row.account_id}/{row.region})", classname=f"warden.{row.rule_id}"
    )
    tag = OUTCOME_TAG.get(row.status)
    if tag:
        kind = row.severity if tag == "failure" else row.status
        ET.SubElement(case, tag, message=row.annotation, type=kind).text = row.annotation
    ET.SubElement(case, "system-out").text = row.resource_arn


def render_junit(report: Report) -> str:
    by_rule: dict[str, list[Row]] = defaultdict(list)
    for row in report.rows:
        by_rule[row.rule_id].append(row)
    root = ET.Element("testsuites", name="warden")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for rule_id, rows in sorted(by_rule.items()):
        suite = ET.SubElement(root, "testsuite", name=rule_id)
        counts = {"tests": len(rows), "failures": 0, "errors": 0, "skipped": 0}
        for row in rows:
            _case(suite, row)
            tag = OUTCOME_TAG.get(row.status)
            if tag:
                counts["failures" if tag == "failure" else "errors" if tag == "error" else "skipped"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    if report.errors:
        suite = ET.SubElement(root, "testsuite", name="warden-read-errors", tests=str(len(report.errors)))
        suite.set("errors", str(len(report.errors)))
        for error in report.errors:
            name = f"{error.get('operation')} {error.get('resource_id') or ''} ({error.get('region')})"
            case = ET.SubElement(suite, "testcase", name=name, classname="warden.read")
            ET.SubElement(case, "error", message=str(error.get("message", "")), type=str(error.get("error_code")))
        totals["tests"] += len(report.errors)
        totals["errors"] += len(report.errors)
    for key, value in totals.items():
        root.set(key, str(value))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
