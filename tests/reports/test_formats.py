"""Every format renders the one report model, and each is checked by the tool its readers use."""

from __future__ import annotations

import csv
import io
import json
import re

import botocore.session
import pytest
from botocore.stub import Stubber
from junitparser import JUnitXml
from py_ocsf_models.events.findings.compliance_finding import ComplianceFinding
from warden.reports import asff, model
from warden.reports.render import RENDERERS
from warden.reports.tabular import CSV_COLUMNS

from warden import schemas


@pytest.fixture
def report(results):
    return model.build(results)


def test_json_follows_the_report_schema_and_carries_every_evaluation(report):
    document = json.loads(RENDERERS["json"](report))
    schemas.validate(document, "report")
    assert len(document["evaluations"]) == len(report.rows)
    assert document["totals"]["failed"] == report.totals.failed


def test_csv_has_the_versioned_columns_and_a_line_per_evaluation(report):
    rows = list(csv.reader(io.StringIO(RENDERERS["csv"](report))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) - 1 == len(report.rows)
    assert sum(r[0] == "FAILED" for r in rows[1:]) == report.totals.failed


def test_markdown_summarises_with_the_models_numbers(report):
    text = RENDERERS["markdown"](report)
    assert f"**Score {report.totals.score:.1f} %**" in text
    assert f"{report.totals.failed} failed" in text
    assert "<script>" not in text  # hostile resource ids are escaped in table cells


def test_junit_reads_back_with_one_failure_per_finding(report, tmp_path):
    path = tmp_path / "warden.xml"
    path.write_text(RENDERERS["junit"](report))
    xml = JUnitXml.fromfile(str(path))
    suites = list(xml)
    assert sum(s.tests for s in suites) == len(report.rows)
    assert sum(s.failures for s in suites) == report.totals.failed
    assert {s.name for s in suites} == {r.rule_id for r in report.rows}


def test_junit_lists_read_errors_as_errors(results):
    results[0]["errors"].append(
        {
            "resource_type": "AWS::S3::Bucket",
            "region": "us-east-1",
            "operation": "ListBuckets",
            "error_code": "AccessDenied",
            "message": "denied",
        }
    )
    text = RENDERERS["junit"](model.build(results))
    assert 'name="warden-read-errors"' in text and 'type="AccessDenied"' in text


def test_every_ocsf_event_is_a_valid_compliance_finding(report):
    lines = RENDERERS["ocsf"](report).splitlines()
    applicable = [r for r in report.rows if r.status != "NOT_APPLICABLE"]
    assert len(lines) == len(applicable)
    for line in lines:
        event = json.loads(line)
        parsed = ComplianceFinding.model_validate(event)
        assert parsed.class_uid == 2003
        assert event["type_uid"] == 200301
    failed = [json.loads(line) for line in lines if json.loads(line)["compliance"]["status"] == "Fail"]
    assert len(failed) == report.totals.failed


def test_asff_is_accepted_by_botocores_batch_import_findings_shape(report):
    findings = json.loads(RENDERERS["asff"](report))
    asff.validate(findings)
    assert len(findings) == len([r for r in report.rows if r.status != "NOT_APPLICABLE"])
    statuses = {f["Compliance"]["Status"] for f in findings}
    assert statuses <= {"PASSED", "FAILED", "NOT_AVAILABLE"}
    passed = [f for f in findings if f["Compliance"]["Status"] == "PASSED"]
    assert passed and all(f["Workflow"]["Status"] == "RESOLVED" for f in passed)


def test_a_malformed_asff_finding_is_refused_before_it_is_sent(report):
    broken = asff.findings(report)[:1]
    del broken[0]["ProductArn"]
    with pytest.raises(asff.AsffError, match="ProductArn"):
        asff.validate(broken)


def _securityhub():
    return botocore.session.get_session().create_client(
        "securityhub", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
    )


def test_security_hub_import_goes_in_batches_of_100_and_reports_every_rejection(report):
    findings = asff.findings(report)[:250]
    client = _securityhub()
    with Stubber(client) as stub:
        stub.add_response(
            "batch_import_findings",
            {"SuccessCount": 100, "FailedCount": 0, "FailedFindings": []},
            {"Findings": findings[:100]},
        )
        stub.add_response(
            "batch_import_findings",
            {
                "SuccessCount": 99,
                "FailedCount": 1,
                "FailedFindings": [{"Id": findings[150]["Id"], "ErrorCode": "InvalidInput", "ErrorMessage": "bad"}],
            },
            {"Findings": findings[100:200]},
        )
        stub.add_client_error(
            "batch_import_findings", "ThrottlingException", "slow down", expected_params={"Findings": findings[200:]}
        )
        result = asff.import_findings(client, findings)
        stub.assert_no_pending_responses()
    assert result.batches == 3
    assert result.imported == 199
    assert not result.ok
    assert [f["Id"] for f in result.failed][:1] == [findings[150]["Id"]]
    assert len(result.failed) == 1 + 50
    assert {f["ErrorCode"] for f in result.failed[1:]} == {"ThrottlingException"}


def test_html_is_self_contained_and_escapes_what_came_from_aws(report):
    page = RENDERERS["html"](report)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert "@import" not in page and "url(" not in page
    assert "connect-src" not in page and "default-src 'none'" in page
    hostile = next(r for r in report.rows if r.resource_id.startswith("<script>"))
    # The hostile id travels only inside the compressed payload or escaped, never as markup.
    assert hostile.resource_id not in page
    assert len(page.encode()) < 10 * 1024 * 1024
