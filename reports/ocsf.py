"""OCSF Compliance Finding events (class 2003), one per evaluation, as JSON Lines.

Built from plain dicts so the Lambda package needs no model library; the tests validate every event
with the maintained OCSF models (py-ocsf-models).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from warden.reports.model import EXEMPT, FAILED, NOT_APPLICABLE, NOT_EVALUATED, PASSED, Report, Row

import warden

OCSF_VERSION = "1.5.0"
CLASS_UID, CATEGORY_UID, ACTIVITY_CREATE = 2003, 2, 1
SEVERITY_ID = {"INFORMATIONAL": 1, "LOW": 2, "MEDIUM": 3, "HIGH": 4, "CRITICAL": 5}
# compliance.status_id: 1 Pass, 2 Warning (no result for lack of information), 3 Fail, 99 Other.
COMPLIANCE_STATUS = {PASSED: (1, "Pass"), FAILED: (3, "Fail"), NOT_EVALUATED: (2, "Warning")}
# status_id of the finding: 1 New, 3 Suppressed (exempt), 4 Resolved (passing).
FINDING_STATUS = {PASSED: (4, "Resolved"), FAILED: (1, "New"), EXEMPT: (3, "Suppressed")}


def event(row: Row, report: Report, time_ms: int) -> dict[str, Any]:
    rule = report.rules.get(row.rule_id, {})
    compliance_id, compliance_name = COMPLIANCE_STATUS.get(row.status, (99, row.status.title()))
    status_id, status_name = FINDING_STATUS.get(row.status, (99, row.status.title()))
    uid = hashlib.sha256(f"{row.account_id}|{row.region}|{row.rule_id}|{row.resource_arn}".encode()).hexdigest()
    standards = [v.title for v in report.frameworks if any(row.rule_id in r.rules for r in v.requirements)]
    out: dict[str, Any] = {
        "activity_id": ACTIVITY_CREATE,
        "activity_name": "Create",
        "category_uid": CATEGORY_UID,
        "category_name": "Findings",
        "class_uid": CLASS_UID,
        "class_name": "Compliance Finding",
        "type_uid": CLASS_UID * 100 + ACTIVITY_CREATE,
        "type_name": "Compliance Finding: Create",
        "time": time_ms,
        "severity_id": SEVERITY_ID.get(row.severity, 0),
        "severity": row.severity.title(),
        "status_id": status_id,
        "status": status_name,
        "message": row.annotation,
        "metadata": {
            "version": OCSF_VERSION,
            "uid": uid,
            "product": {"name": "Warden", "vendor_name": "Warden", "version": warden.__version__},
        },
        "finding_info": {
            "uid": uid,
            "title": rule.get("title") or row.rule_id,
            "desc": rule.get("description") or row.annotation,
            "types": list(row.controls),
        },
        "compliance": {
            "control": ", ".join(row.controls) or row.rule_id,
            "standards": standards,
            "status_id": compliance_id,
            "status": compliance_name,
            "desc": row.annotation,
        },
        "cloud": {"provider": "AWS", "region": row.region, "account": {"uid": row.account_id, "type_id": 10}},
        "resources": [
            {
                "uid": row.resource_arn,
                "name": row.resource_id,
                "type": row.resource_type,
                "region": row.region,
                "cloud_partition": row.resource_arn.split(":")[1],
            }
        ],
    }
    if row.remediation_id:
        out["remediation"] = {"desc": f"Warden remediation {row.remediation_id}"}
    if row.exemption:
        out["unmapped"] = {"exemption": dict(row.exemption)}
    return out


def render_ocsf(report: Report) -> str:
    time_ms = int(dt.datetime.fromisoformat(report.generated_at).timestamp() * 1000)
    return "".join(
        json.dumps(event(row, report, time_ms)) + "\n" for row in report.rows if row.status != NOT_APPLICABLE
    )
