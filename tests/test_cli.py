"""`warden scan` end to end against a moto server on 127.0.0.1, reached through AWS_ENDPOINT_URL."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import boto3
import pytest

from warden import schemas
from warden.aws import Clients
from warden.cli import main
from warden.demo_account import seed
from warden.testing import inject_fault

pytestmark = pytest.mark.server


@pytest.fixture
def server_account(moto_server, monkeypatch):
    """A freshly reset moto server seeded with the demo account."""
    urllib.request.urlopen(urllib.request.Request(f"{moto_server}/moto-api/reset", method="POST")).read()
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server)
    seed(Clients(boto3.session.Session(region_name="us-east-1"), endpoint_url=moto_server))
    return moto_server


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_json_scan_matches_the_schema_and_finds_the_seeded_violations(server_account):
    code, out, _ = _run("scan", "--region", "us-east-1", "--format", "json")
    document = json.loads(out)
    schemas.validate(document, "scan")
    assert code == 0
    failing = {(e["rule_id"], e["resource_id"]) for e in document["evaluations"] if e["compliance"] == "NON_COMPLIANT"}
    assert ("s3-bucket-ssl-requests-only", "demo-open-us-east-1") in failing
    assert ("s3-bucket-ssl-requests-only", "demo-partial-us-east-1") in failing
    assert ("s3-bucket-ssl-requests-only", "demo-hardened-us-east-1") not in failing
    assert ("cloudtrail-logging-enabled", "legacy-trail") in failing
    stage_arns = {e["resource_arn"] for e in document["evaluations"] if e["resource_type"] == "AWS::ApiGateway::Stage"}
    assert all(a.startswith("arn:aws:apigateway:us-east-1::/restapis/") and "/stages/" in a for a in stage_arns)
    # s3control reaches the local endpoint too (Warden turns off the account-id host prefix there)
    assert not [e for e in document["errors"] if e["operation"].startswith("s3control")]
    assert any(e["rule_id"] == "s3-account-level-public-access-blocks" for e in document["evaluations"])


def test_fail_on_sets_the_exit_code(server_account):
    assert _run("scan", "--control", "EC2.19", "--format", "json", "--fail-on", "CRITICAL")[0] == 1
    assert _run("scan", "--rule", "api-gw-xray-enabled", "--format", "json", "--fail-on", "HIGH")[0] == 0


def test_csv_to_a_file_and_the_table(server_account, tmp_path):
    target = tmp_path / "scan.csv"
    code, out, err = _run("scan", "--control", "S3.5", "--format", "csv", "--output", str(target))
    rows = list(csv.DictReader(target.read_text().splitlines()))
    assert code == 0 and out == "" and "wrote" in err
    assert {r["rule_id"] for r in rows} == {"s3-bucket-ssl-requests-only"}
    assert {r["compliance"] for r in rows} == {"COMPLIANT", "NON_COMPLIANT"}
    code, table, err = _run("scan", "--framework", "cis")
    assert code == 0
    assert "FAIL" in table and "non-compliant" in table and "vpc-sg-restricted-common-ports" in table
    assert "CIS AWS Foundations Benchmark 3.0.0: Warden's rules cover" in err


def test_usage_errors_exit_2_with_one_line(server_account):
    code, _, err = _run("scan", "--rule", "no-such-rule")
    assert code == 2 and err.count("\n") == 1 and "unknown rule" in err
    code, _, err = _run("scan", "--framework", "nist")
    assert code == 2 and "unknown framework" in err
    assert _run("scan", "--format", "xml")[0] == 2


def test_missing_credentials_exit_2(monkeypatch, tmp_path):
    for key in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_ENDPOINT_URL",
        "AWS_PROFILE",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
    ):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # never ask an instance metadata service
    code, out, err = _run("scan", "--endpoint-url", "http://127.0.0.1:9")
    assert code == 2 and out == ""
    assert "no AWS credentials" in err


def test_rejected_credentials_exit_2(server_account):
    import warden.cli as cli
    from warden.testing import inject_fault

    original = cli._clients

    def denying(args):
        clients = original(args)
        inject_fault(clients.client("sts"), "GetCallerIdentity", "InvalidClientTokenId", 403)
        return clients

    cli._clients = denying
    try:
        code, _, err = _run("scan")
    finally:
        cli._clients = original
    assert code == 2 and "InvalidClientTokenId" in err


def test_rules_catalogue(server_account):
    code, out, _ = _run("rules", "--format", "json")
    catalogue = json.loads(out)
    assert code == 0 and len(catalogue) >= 20
    for entry in catalogue:
        schemas.validate(entry, "rule")


def test_the_installed_command_runs(server_account, tmp_path):
    """The console script itself, as a user types it."""
    warden = Path(sys.executable).with_name("warden")
    env = {**os.environ, "AWS_ENDPOINT_URL": server_account}
    done = subprocess.run(
        [str(warden), "scan", "--control", "APIGateway.1", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    schemas.validate(document, "scan")
    assert {e["rule_id"] for e in document["evaluations"]} == {"api-gw-execution-logging-enabled"}


@pytest.fixture
def prepared_clients(monkeypatch):
    """Call with a function that receives the scan's Clients before it runs (to inject faults)."""
    import warden.cli as cli

    original = cli._clients

    def install(prepare):
        def wrapped(args):
            clients = original(args)
            prepare(clients)
            return clients

        monkeypatch.setattr(cli, "_clients", wrapped)

    return install


def _deny_every_listing(clients):
    for service, operation in (("s3", "ListBuckets"), ("apigateway", "GetRestApis")):
        inject_fault(clients.client(service, "us-east-1"), operation, "AccessDenied", 403)


def test_a_scan_whose_reads_are_denied_says_so_and_fails_the_gate(server_account, prepared_clients):
    prepared_clients(_deny_every_listing)
    code, table, err = _run("scan", "--region", "us-east-1", "--control", "S3.5", "--control", "APIGateway.3")
    assert code == 0
    assert "No findings." not in table
    assert "INCOMPLETE: 2 read errors: 2 of 2 listings failed" in table
    assert "No findings in what could be read." in table

    code, out, err = _run(
        "scan", "--control", "S3.5", "--control", "APIGateway.3", "--format", "json", "--fail-on", "low"
    )
    assert code == 1
    assert "warden: incomplete scan: 2 read errors" in err
    assert "--fail-on LOW fails: 2 read error(s)" in err and "s3:ListBuckets" in err
    assert json.loads(out)["stats"]["listings_failed"] == 2

    code, _, err = _run("scan", "--control", "S3.5", "--format", "json", "--fail-on", "LOW", "--allow-read-errors")
    assert code == 0 and "fails" not in err


def test_fail_on_names_the_findings_that_fail_it(server_account):
    code, _, err = _run("scan", "--control", "EC2.19", "--format", "json", "--fail-on", "critical")
    assert code == 1
    assert "--fail-on CRITICAL fails: 1 non-exempt finding(s) at CRITICAL or above" in err
    assert "vpc-sg-restricted-common-ports  security-group/sg-" in err


def test_settings_parameters_reach_the_scan_and_a_bad_file_stops_it_first(server_account, tmp_path):
    settings = tmp_path / "warden.toml"
    settings.write_text("[parameters.access-keys-rotated]\nmaxAccessKeyAge = 0\n")
    code, out, _ = _run("scan", "--rule", "access-keys-rotated", "--format", "json", "--settings", str(settings))
    assert code == 0
    assert {e["compliance"] for e in json.loads(out)["evaluations"]} == {"NON_COMPLIANT"}

    for text, reason in (
        ("[parameters.access-keys-rotated\n", "cannot read settings"),
        ("[parameters.access-keys-rotated]\nmaxAccessKeyAge = -1\n", "access-keys-rotated: invalid maxAccessKeyAge"),
        ("[parameters.no-such-rule]\nx = 1\n", "unknown rule 'no-such-rule'"),
        ("[remediation]\ndefault_mode = 'sometimes'\n", "invalid settings"),
    ):
        settings.write_text(text)
        code, out, err = _run("scan", "--settings", str(settings))  # without --remediate too
        assert (code, out, err.count("\n")) == (2, "", 1), err
        assert reason in err
    code, _, err = _run("scan", "--settings", str(tmp_path / "missing.toml"))
    assert code == 2 and "cannot read settings" in err


def test_exemptions_are_reported_and_do_not_fail_the_gate(server_account, tmp_path):
    exemptions = tmp_path / "exemptions.json"
    entries = [
        {
            "rule": "vpc-sg-restricted-common-ports",
            "resource": "arn:aws:ec2:*:security-group/*",
            "owner": "network-team",
            "reason": "bastion, closed in Q3",
            "expires": "2099-12-31",
        },
        {"rule": "*", "resource": "arn:aws:s3:::old", "owner": "ops", "reason": "now retired", "expires": "2001-01-01"},
    ]
    exemptions.write_text(json.dumps({"exemptions": entries}))
    scan = ("scan", "--control", "EC2.19", "--exemptions", str(exemptions))
    code, table, err = _run(*scan, "--fail-on", "CRITICAL")
    assert code == 0, err
    assert "EXEMPT" in table and "exempt by network-team until 2099-12-31: bastion, closed in Q3" in table
    assert "(1 exempt)" in table
    assert "expired exemption, no longer applied: * on arn:aws:s3:::old (owner ops, expired 2001-01-01)" in table
    code, out, _ = _run(*scan, "--format", "csv")
    rows = [r for r in csv.DictReader(out.splitlines()) if r["compliance"] == "NON_COMPLIANT"]
    assert [(r["exemption_owner"], r["exemption_expires"]) for r in rows] == [("network-team", "2099-12-31")]

    exemptions.write_text(json.dumps({"exemptions": [{**entries[0], "expires": "soon"}]}))
    code, out, err = _run(*scan)
    assert (code, out, err.count("\n")) == (2, "", 1) and "invalid exemptions" in err


def test_show_compliant_lists_compliant_rows(server_account):
    _, default, _ = _run("scan", "--control", "S3.5")
    _, everything, _ = _run("scan", "--control", "S3.5", "--show-compliant")
    assert "demo-hardened-us-east-1" not in default and "FAIL" in default
    hardened = [line for line in everything.splitlines() if "demo-hardened-us-east-1" in line]
    assert hardened and hardened[0].startswith("ok ")


def test_a_repeated_region_is_scanned_once_and_unknown_regions_are_refused(server_account):
    once = json.loads(_run("scan", "--control", "S3.5", "--format", "json", "--region", "us-east-1")[1])
    twice = json.loads(
        _run("scan", "--control", "S3.5", "--format", "json", "--region", "us-east-1", "--region", "us-east-1")[1]
    )
    assert twice["regions"] == ["us-east-1"]
    assert len(twice["evaluations"]) == len(once["evaluations"])
    code, out, err = _run("scan", "--region", "eu-wst-1")
    assert (code, out) == (2, "") and "unknown region 'eu-wst-1' (did you mean eu-west-1?)" in err
    code, _, err = _run("scan", "--region", "us-east-1", "--region", "cn-north-1")
    assert code == 2 and "partitions aws, aws-cn" in err


def test_bad_options_are_refused_before_the_scan(server_account, tmp_path):
    for argv, reason in (
        (("--output", str(tmp_path / "missing" / "scan.json")), "does not exist"),
        (("--output", str(tmp_path)), "is a directory"),
        (("--workers", "0"), "must be 1 or more"),
        (("--workers", "-3"), "must be 1 or more"),
        (("--fail-on", "severe"), "invalid choice"),
    ):
        code, out, err = _run("scan", *argv)
        assert (code, out) == (2, ""), argv
        assert reason in err and err.count("\n") == 1
        assert "listings" not in err  # nothing was scanned


def test_case_insensitive_fail_on_and_framework(server_account):
    code, out, _ = _run("scan", "--framework", "CIS", "--format", "json", "--fail-on", "high")
    assert code == 1
    assert {e["rule_id"] for e in json.loads(out)["evaluations"]} <= set(_cis_rules())


def _cis_rules():
    from warden import frameworks

    return frameworks.rule_ids("cis")


def test_progress_lines_for_logs_name_the_total(server_account):
    _, _, err = _run("scan", "--control", "S3.5", "--control", "APIGateway.3", "--format", "json")
    lines = [line for line in err.splitlines() if line.startswith("  [")]
    assert sorted(line.split("]")[0] for line in lines) == ["  [1/2", "  [2/2"]
    assert any("AWS::S3::Bucket in us-east-1: " in line and "resources" in line for line in lines)


def test_interrupt_writes_the_partial_result_and_exits_130(server_account, prepared_clients, tmp_path):
    calls = []

    def interrupt_on_the_third_read(clients):
        def interrupt(**_):
            calls.append(1)
            if len(calls) == 3:
                raise KeyboardInterrupt

        clients.client("s3", "us-east-1").meta.events.register("before-call.s3.GetBucketPolicy", interrupt)

    prepared_clients(interrupt_on_the_third_read)
    target = tmp_path / "scan.json"
    code, _, err = _run("scan", "--control", "S3.5", "--workers", "1", "--format", "json", "--output", str(target))
    assert code == 130
    assert err.splitlines()[-1] == (
        "warden: interrupted; the report holds what was found until then (2 evaluations), marked partial"
    )
    document = json.loads(target.read_text())
    schemas.validate(document, "scan")
    assert document["partial"] is True and len(document["evaluations"]) == 2


def test_an_endpoint_that_is_not_aws_is_a_usage_error(monkeypatch):
    import http.server
    import threading

    class Portal(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # the name http.server calls
            body = b"<!DOCTYPE html><html><body>Sign in<br>to continue</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    try:
        code, out, err = _run("scan", "--endpoint-url", f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
    assert (code, out) == (2, "")
    assert err == "warden: the endpoint did not answer like AWS (check --endpoint-url and --region)\n"


def test_version():
    code, out, _ = _run("--version")
    from warden import __version__

    assert (code, out) == (0, f"warden {__version__}\n")


def test_demo_without_moto_or_with_an_unwritable_directory_is_a_usage_error(monkeypatch, tmp_path):
    import importlib.util

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code, _, err = _run("demo", "--output-dir", str(blocker / "out"))
    assert code == 2 and err.startswith("warden: --output-dir ") and err.count("\n") == 1

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "moto" else real(name, *a))
    code, _, err = _run("demo", "--output-dir", str(tmp_path))
    assert (code, err) == (2, "warden: warden demo needs moto: pip install 'warden[demo]'\n")
