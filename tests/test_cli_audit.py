"""`warden audit verify`: 0 intact, 1 tampered (each problem named), 2 when there is nothing to verify."""

from __future__ import annotations

import io
import json
import os
import urllib.request

import boto3
import pytest

from warden.aws import Clients
from warden.cli import main
from warden.ledger import Ledger, LocalStore, Outcome


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


def _ledger(root, count=4):
    ledger = Ledger(LocalStore(root))
    for n in range(count):
        ledger.append(
            {
                "account": "123456789012",
                "region": "us-east-1",
                "rule": "r",
                "controls": [],
                "resource_arn": f"arn:aws:s3:::b{n}",
                "actor": "me",
                "mode": "auto",
                "outcome": Outcome.DETECTED.value,
                "error_code": None,
                "before": None,
                "after": None,
            }
        )
    return ledger


def _chain(root):
    return sorted((root / "chain").rglob("*.json"))


def test_an_intact_ledger_exits_0(tmp_path):
    _ledger(tmp_path).write_digest()
    code, out, _ = _run("audit", "verify", "--dir", str(tmp_path))
    assert code == 0 and out.strip().endswith(": intact") and "4 records in 1 stream(s), 1 anchored" in out


def test_each_problem_is_named_and_exits_1(tmp_path):
    _ledger(tmp_path).write_digest()
    edited, deleted = _chain(tmp_path)[1], _chain(tmp_path)[3]
    os.chmod(edited, 0o644)
    edited.write_text(edited.read_text().replace('"me"', '"someone else"'))
    deleted.unlink()
    code, out, _ = _run("audit", "verify", "--dir", str(tmp_path))
    lines = out.splitlines()
    assert code == 1 and lines[-1].endswith(": 2 problem(s)")
    assert lines[0].startswith("TAMPERED  edited: 123456789012-us-east-1 #2 ")
    assert lines[1].startswith("TAMPERED  truncated: 123456789012-us-east-1 #4 ")


@pytest.mark.parametrize("setup", ["missing", "empty", "other files", "a file"])
def test_a_path_that_is_not_a_ledger_exits_2_with_one_line(tmp_path, setup):
    target = tmp_path / "audit"
    if setup == "empty":
        target.mkdir()
    elif setup == "other files":
        (target / "docs").mkdir(parents=True)
        (target / "docs" / "notes.json").write_text("{}")
    elif setup == "a file":
        target.write_text("not a directory")
    code, out, err = _run("audit", "verify", "--dir", str(target))
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "intact" not in err
    assert err.startswith("warden: no audit")


@pytest.mark.server
def test_a_remediation_run_anchors_its_heads_and_a_missing_bucket_exits_2(moto_server, monkeypatch, tmp_path):
    urllib.request.urlopen(urllib.request.Request(f"{moto_server}/moto-api/reset", method="POST")).read()
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server)
    clients = Clients(boto3.session.Session(region_name="us-east-1"), endpoint_url=moto_server)
    clients.client("s3").create_bucket(Bucket="data")
    audit = tmp_path / "audit"
    code, _, _ = _run("scan", "--control", "S3.14", "--remediate", "--dry-run", "--audit-dir", str(audit))
    digests = list((audit / "digests").rglob("*.json"))
    assert code == 0 and [json.loads(d.read_text())["seq"] for d in digests] == [2]  # DETECTED, PLANNED
    _chain(audit)[-1].unlink()  # the newest record: caught, since the run anchored it
    code, out, _ = _run("audit", "verify", "--dir", str(audit))
    assert code == 1 and "truncated" in out
    code, out, err = _run("audit", "verify", "--bucket", "no-such-bucket")
    assert (code, out) == (2, "")
    assert err == "warden: cannot read the audit ledger at s3://no-such-bucket/warden-audit: no bucket no-such-bucket\n"


def test_no_credentials_exits_2(monkeypatch, tmp_path):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing is sent without credentials
    code, out, err = _run("audit", "verify", "--bucket", "audit")
    assert (code, out) == (2, "") and err.startswith("warden: no AWS credentials")
