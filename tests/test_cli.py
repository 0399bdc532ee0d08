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
    code, table, _ = _run("scan", "--framework", "cis")
    assert code == 0
    assert "FAIL" in table and "non-compliant" in table and "vpc-sg-restricted-common-ports" in table


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
