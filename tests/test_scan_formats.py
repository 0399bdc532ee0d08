"""The terminal table: resources that stay distinct, a region column when it matters, the terminal's width."""

from __future__ import annotations

import io

from warden.reports.scan_formats import render_table

from warden.cli import _Progress

STAGE = "arn:aws:apigateway:{region}::/restapis/a1b2c3d4e5-with-a-very-long-api-identifier-here/stages/{stage}"


def _evaluation(arn, resource_id, region="us-east-1", resource_type="AWS::ApiGateway::Stage", **extra):
    return {
        "rule_id": "api-gw-xray-enabled",
        "controls": ["APIGateway.3"],
        "severity": "LOW",
        "resource_type": resource_type,
        "resource_id": resource_id,
        "resource_arn": arn,
        "region": region,
        "account_id": "123456789012",
        "compliance": "NON_COMPLIANT",
        "annotation": "X-Ray tracing is off; turn it on so requests can be traced across services end to end.",
        "remediation_id": "api-gw-enable-tracing",
        **extra,
    }


def _result(evaluations, regions=("us-east-1",)):
    return {
        "account_id": "123456789012",
        "regions": list(regions),
        "started_at": "2026-01-01T00:00:00+00:00",
        "finished_at": "2026-01-01T00:00:05+00:00",
        "evaluations": evaluations,
        "errors": [],
    }


def test_two_stages_never_read_the_same_and_the_width_is_kept():
    arns = [STAGE.format(region="us-east-1", stage=s) for s in ("production-blue", "production-green")]
    table = render_table(_result([_evaluation(a, a) for a in arns]), width=120)
    rows = [line for line in table.splitlines() if line.startswith("FAIL")]
    assert len(rows) == 2
    assert "stages/production-blue" in rows[0] and "stages/production-green" in rows[1]
    assert all(len(line) <= 120 for line in table.splitlines() if not line.startswith("Account"))
    assert "REGION" not in table


def test_a_narrow_terminal_puts_the_reason_on_its_own_line():
    arn = STAGE.format(region="us-east-1", stage="prod")
    table = render_table(_result([_evaluation(arn, arn)]), width=80)
    lines = table.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("FAIL"))
    assert lines[row].rstrip().endswith("stages/prod")
    assert lines[row + 1].startswith("      X-Ray tracing is off") and len(lines[row + 1]) <= 80


def test_region_column_with_more_than_one_region_and_policies_by_name():
    policy = _evaluation(
        "arn:aws:iam::123456789012:policy/team/break-glass", "ANPAEXAMPLEID", resource_type="AWS::IAM::Policy"
    )
    stages = [_evaluation(STAGE.format(region=r, stage="prod"), "x", region=r) for r in ("us-east-1", "eu-west-1")]
    table = render_table(_result([policy, *stages], regions=("us-east-1", "eu-west-1")))
    header = next(line for line in table.splitlines() if "SEVERITY" in line)
    assert "REGION" in header and header.index("REGION") < header.index("RESOURCE")
    assert "policy/team/break-glass" in table and "ANPAEXAMPLEID" not in table
    assert {line.split()[4] for line in table.splitlines() if line.startswith("FAIL") and "stages" in line} == {
        "us-east-1",
        "eu-west-1",
    }


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_a_terminal_rewrites_one_line_with_the_total():
    stream = _Terminal()
    progress = _Progress(stream)
    progress.started(3)
    progress.resource()
    progress.listed("AWS::S3::Bucket", "us-east-1", 1, None)
    progress.close()
    text = stream.getvalue()
    assert "\r  1/3 listings done, 1 resources scanned" in text and "\n" not in text
    assert text.endswith("\r")


def test_progress_in_a_log_is_a_line_per_listing():
    stream = io.StringIO()
    progress = _Progress(stream)
    progress.started(2)
    progress.listed("AWS::S3::Bucket", "us-east-1", 7, None)
    progress.listed("AWS::ApiGateway::Stage", "us-east-1", 0, "AccessDeniedException")
    assert stream.getvalue().splitlines() == [
        "  [1/2] AWS::S3::Bucket in us-east-1: 7 resources",
        "  [2/2] AWS::ApiGateway::Stage in us-east-1: 0 resources, listing failed: AccessDeniedException",
    ]


def test_colour_marks_only_the_first_column_and_only_when_asked():
    arn = STAGE.format(region="us-east-1", stage="prod")
    plain = render_table(_result([_evaluation(arn, arn)]), width=200)
    coloured = render_table(_result([_evaluation(arn, arn)]), width=200, colour=True)
    assert "\033[" not in plain
    assert coloured.replace("\033[31m", "").replace("\033[0m", "") == plain
    assert "\033[31mFAIL\033[0m  LOW" in coloured


def test_the_cli_colours_a_terminal_unless_no_color(monkeypatch):
    import argparse

    from warden.cli import _write_report

    arn = STAGE.format(region="us-east-1", stage="prod")
    args = argparse.Namespace(format="table", show_compliant=False)
    for no_color, expected in (("", True), ("1", False)):
        monkeypatch.setenv("NO_COLOR", no_color)
        out = _Terminal()
        _write_report(args, _result([_evaluation(arn, arn)]), None, out, io.StringIO())
        assert ("\033[31m" in out.getvalue()) is expected
