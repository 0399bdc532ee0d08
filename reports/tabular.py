"""The report as JSON (`warden.report/v1`, warden/schemas/report.schema.json) and as CSV (columns below)."""

from __future__ import annotations

import csv
import io
import json

from warden.reports.model import Report

# Versioned columns: add at the end only, and bump CSV_VERSION when a column changes meaning.
CSV_VERSION = "warden.report.csv/v1"
CSV_COLUMNS = (
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
    "compliance",
    "annotation",
    "remediation_id",
    "exemption_owner",
    "exemption_reason",
    "exemption_expires",
)


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=1) + "\n"


def render_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in report.rows:
        exemption = row.exemption or {}
        writer.writerow(
            (
                row.status,
                row.severity,
                row.rule_id,
                " ".join(row.controls),
                row.service,
                row.resource_type,
                row.resource_id,
                row.resource_arn,
                row.account_id,
                row.region,
                row.compliance,
                row.annotation,
                row.remediation_id or "",
                exemption.get("owner", ""),
                exemption.get("reason", ""),
                exemption.get("expires", ""),
            )
        )
    return out.getvalue()
