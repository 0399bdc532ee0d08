"""Framework files are generated data: the files on disk must be what tools/build_frameworks.py builds."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from warden import frameworks
from warden.model import Severity, compliant
from warden.registry import Registry, load_rules, rule

ROOT = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location("build_frameworks", ROOT / "tools" / "build_frameworks.py")
assert _SPEC and _SPEC.loader
build_frameworks = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = build_frameworks  # dataclasses look their module up there
_SPEC.loader.exec_module(build_frameworks)


def test_framework_files_are_what_the_generator_builds():
    built = build_frameworks.build(load_rules())
    stale = [
        name
        for name, doc in built.items()
        if (ROOT / f"warden/frameworks/{name}.json").read_text() != build_frameworks.render(doc)
    ]
    assert not stale, f"run `.venv/bin/python tools/build_frameworks.py`: {stale} differ from what the sources say"


def test_every_control_a_rule_implements_is_in_the_related_requirements_table():
    assert build_frameworks.unmapped_controls(load_rules(), build_frameworks.relations()) == []


def test_the_table_covers_every_fsbp_control():
    listed = {relation.control for relation in build_frameworks.relations()}
    fsbp = {requirement["id"] for requirement in frameworks.load("fsbp")["requirements"]}
    assert sorted(fsbp - listed, key=build_frameworks.natural_key) == []


def test_a_new_rule_lands_in_every_view_its_control_belongs_to():
    registry = Registry()
    for declared in load_rules().all():
        registry.add(declared)

    @rule(
        id="test-launch-config-imdsv2",
        title="test",
        resource_types=("AWS::AutoScaling::LaunchConfiguration",),
        severity=Severity.HIGH,
        controls=("AutoScaling.3",),
        registry=registry,
    )
    def _evaluate(item, params):
        return compliant("test")

    built = build_frameworks.build(registry)
    before = build_frameworks.build(load_rules())

    def rules_of(documents, framework, requirement):
        return next(r["rules"] for r in documents[framework]["requirements"] if r["id"] == requirement)

    # AutoScaling.3's page relates it to PCI DSS v4.0.1 2.2.6 and NIST AC-3.
    for framework, requirement in (("fsbp", "AutoScaling.3"), ("pci-dss", "2.2.6"), ("nist-800-53", "AC-3")):
        assert "test-launch-config-imdsv2" in rules_of(built, framework, requirement)
        assert "test-launch-config-imdsv2" not in rules_of(before, framework, requirement)


def test_cis_lists_every_recommendation_covered_or_not():
    document = frameworks.load("cis")
    ids = [r["id"] for r in document["requirements"]]
    assert len(ids) == len(set(ids)) == 62
    assert {"1.1", "1.7", "2.1.3", "4.1", "4.16", "5.5"} <= set(ids)  # manual and monitoring recommendations too
    by_id = {r["id"]: r for r in document["requirements"]}
    assert by_id["4.1"]["rules"] == []  # no Warden rule: reported as not covered, never passed
    assert "root-account-mfa-enabled" in by_id["1.5"]["rules"] and by_id["1.5"]["controls"] == ["IAM.9"]
    assert "source" in document and "CIS" in document["source"]


@pytest.mark.parametrize("name", ["nist-800-53", "pci-dss"])
def test_security_hub_derived_frameworks_say_what_they_omit_and_what_is_not_covered(name):
    document = frameworks.load(name)  # validates against the framework schema
    assert "omitted" in document["source"]
    requirements = document["requirements"]
    covered = [r for r in requirements if r["rules"]]
    assert covered and len(covered) < len(requirements)
    assert all(r["controls"] for r in requirements)  # each is there because a Security Hub control relates to it
    assert f"cover {len(covered)} of its {len(requirements)} requirements" in frameworks.coverage(name)


def test_check_mode_passes_on_fresh_files(capsys):
    assert build_frameworks.main(["--check"]) == 0
    assert capsys.readouterr().err == ""


def test_a_malformed_table_is_one_clear_error(tmp_path, monkeypatch, capsys):
    broken = tmp_path / "broken.tsv"
    broken.write_text("# comment\ncontrol\tframework\trequirement\ttitle\tsource\nEC2.1\tnist-800-53\n")
    monkeypatch.setattr(build_frameworks, "RELATED", broken)
    assert build_frameworks.main(["--check"]) == 2
    err = capsys.readouterr().err
    assert "broken.tsv: row 2 does not have 5 columns" in err and "Traceback" not in err


def test_an_addition_naming_no_registered_rule_is_one_clear_error(tmp_path, monkeypatch, capsys):
    additions = tmp_path / "additions.tsv"
    additions.write_text("rule\tframework\trequirement\treason\nno-such-rule\tcis\t1.1\tbecause\n")
    monkeypatch.setattr(build_frameworks, "ADDITIONS", additions)
    assert build_frameworks.main(["--check"]) == 2
    assert "'no-such-rule', which is no registered rule" in capsys.readouterr().err


def test_requirement_ids_sort_as_numbers():
    ids = ["AC-2(12)", "AC-2", "AC-2(4)", "10.4.2", "8.3.1", "AC-17"]
    assert sorted(ids, key=build_frameworks.natural_key)[:3] == ["8.3.1", "10.4.2", "AC-2"]
    assert sorted(["AC-2(12)", "AC-2(4)", "AC-17"], key=build_frameworks.natural_key) == [
        "AC-2(4)",
        "AC-2(12)",
        "AC-17",
    ]


def _evaluation(rule_id, control, compliance):
    return {
        "rule_id": rule_id,
        "controls": [control],
        "severity": "MEDIUM",
        "resource_type": "AWS::S3::Bucket",
        "resource_id": "orders",
        "resource_arn": "arn:aws:s3:::orders",
        "region": "us-east-1",
        "account_id": "123456789012",
        "compliance": compliance,
        "annotation": "",
    }


def test_report_view_says_plainly_what_is_not_covered():
    from warden.reports.model import FAILED, NOT_COVERED, PASSED, build
    from warden.reports.render import render_table

    result = {
        "account_id": "123456789012",
        "regions": ["us-east-1"],
        "finished_at": "2026-01-01T00:00:00+00:00",
        "errors": [],
        "evaluations": [
            _evaluation("s3-bucket-ssl-requests-only", "S3.5", "NON_COMPLIANT"),
            _evaluation("s3-bucket-level-public-access-prohibited", "S3.8", "COMPLIANT"),
        ],
    }
    report = build([result], framework_ids=["pci-dss", "nist-800-53"])
    pci, nist = report.frameworks
    status = {r.id: r.status for r in pci.requirements}
    assert status["4.2.1"] == FAILED  # S3.5 relates to PCI DSS v4.0.1 4.2.1
    assert status["1.4.4"] == PASSED  # S3.8 relates to 1.4.4
    uncovered = [r["id"] for r in frameworks.load("pci-dss")["requirements"] if not r["rules"]]
    assert uncovered and all(status[r] == NOT_COVERED for r in uncovered)  # no Warden rule: never passed
    assert {r.id: r.status for r in nist.requirements}["SC-8"] == FAILED
    table = render_table(report)
    assert (
        f"PCI DSS 4.0.1, Security Hub-mapped part: 50.0% of evaluated requirements pass; {len(uncovered)} of" in table
    )
    assert re.search(rf"^ *{re.escape(uncovered[0])} +not covered", table, re.M)


@pytest.fixture
def server_account(moto_server, monkeypatch):
    import urllib.request

    import boto3

    from warden.aws import Clients
    from warden.demo_account import seed

    urllib.request.urlopen(urllib.request.Request(f"{moto_server}/moto-api/reset", method="POST")).read()
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server)
    seed(Clients(boto3.session.Session(region_name="us-east-1"), endpoint_url=moto_server))
    return moto_server


@pytest.mark.server
@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("nist-800-53", "NIST SP 800-53 Rev. 5, Security Hub-mapped part"),
        ("PCI-DSS", "PCI DSS 4.0.1, Security Hub-mapped part"),
    ],
)
def test_scan_runs_a_frameworks_rules_and_says_how_much_it_covers(server_account, name, title):
    import io

    from warden.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(["scan", "--region", "us-east-1", "--framework", name, "--format", "json"], out, err)
    assert code == 0, err.getvalue()
    ran = {e["rule_id"] for e in json.loads(out.getvalue())["evaluations"]}
    assert ran and ran <= set(frameworks.rule_ids(name.lower()))
    assert f"{title}: Warden's rules cover" in err.getvalue()
