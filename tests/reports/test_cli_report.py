"""`warden report` from the command line: every format, its inputs checked first, Security Hub import."""

from __future__ import annotations

import io
import json

import pytest
from moto import mock_aws

from warden.cli import main


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def scan_file(results, tmp_path):
    path = tmp_path / "scan.json"
    path.write_text(json.dumps(results[0]))
    return path


@pytest.mark.parametrize("fmt", ["html", "json", "csv", "markdown", "junit", "ocsf", "asff", "table"])
def test_each_format_is_written_where_asked(scan_file, tmp_path, fmt):
    target = tmp_path / f"report.{fmt}"
    code, _, err = _run("report", "--input", str(scan_file), "--format", fmt, "--output", str(target))
    assert code == 0, err
    assert target.stat().st_size > 0
    assert f"wrote the {fmt} report" in err


def test_framework_table_in_the_terminal_accepts_any_case(scan_file):
    code, out, _ = _run("report", "--input", str(scan_file), "--framework", "CIS")
    assert code == 0
    assert "CIS AWS Foundations Benchmark" in out
    assert "AWS Foundational Security Best Practices" not in out
    assert "2.1.1" in out  # a CIS requirement id, in the requirement table


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--input", "missing.json"], "no scan result at missing.json"),
        (["--framework", "sox"], "unknown framework 'sox'"),
        (["--output", "/nonexistent-dir/r.html"], "does not exist"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(scan_file, argv, message):
    if argv[0] != "--input":
        argv = ["--input", str(scan_file), *argv]
    code, out, err = _run("report", *argv)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_file_that_is_not_a_scan_result_is_refused(tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"hello": "world"}))
    code, _, err = _run("report", "--input", str(path))
    assert code == 2 and "invalid scan result" in err


def test_findings_are_imported_into_security_hub(scan_file, monkeypatch):
    with mock_aws():
        code, _, err = _run(
            "report",
            "--input",
            str(scan_file),
            "--format",
            "json",
            "--output",
            str(scan_file.with_suffix(".out")),
            "--security-hub",
            "--region",
            "us-east-1",
        )
        assert code == 0, err
        expected = sum(e["compliance"] != "NOT_APPLICABLE" for e in json.loads(scan_file.read_text())["evaluations"])
        assert f"Security Hub: {expected} of {expected} findings imported" in err


def test_an_older_v1_scan_result_still_makes_a_report(results, tmp_path):
    older = {k: v for k, v in results[0].items() if k not in ("partial", "expired_exemptions")}
    path = tmp_path / "v1.json"
    path.write_text(json.dumps({**older, "schema": "warden.scan/v1"}))
    code, out, err = _run("report", "--input", str(path), "--format", "markdown")
    assert code == 0, err
    assert "Warden compliance report" in out
