"""`warden scan --remediate`, `approve`, `rollback` and `audit verify` against a moto server on 127.0.0.1."""

from __future__ import annotations

import io
import json
import os
import urllib.request

import boto3
import pytest

from warden.aws import Clients
from warden.cli import main

pytestmark = pytest.mark.server


@pytest.fixture
def account(moto_server, monkeypatch, tmp_path):
    urllib.request.urlopen(urllib.request.Request(f"{moto_server}/moto-api/reset", method="POST")).read()
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server)
    clients = Clients(boto3.session.Session(region_name="us-east-1"), endpoint_url=moto_server)
    s3 = clients.client("s3")
    for name in ("alpha-data", "beta-data", "gamma-data"):
        s3.create_bucket(Bucket=name)
    return clients, tmp_path / "audit"


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


def _versioning(clients, name):
    return clients.client("s3").get_bucket_versioning(Bucket=name).get("Status", "Off")


def test_dry_run_prints_plans_and_changes_nothing(account):
    clients, audit = account
    code, _, err = _run("scan", "--control", "S3.14", "--remediate", "--dry-run", "--audit-dir", str(audit))
    assert code == 0
    assert err.count("PLANNED") == 3 and '+  "versioning": "Enabled"' in err
    assert {_versioning(clients, n) for n in ("alpha-data", "beta-data", "gamma-data")} == {"Off"}
    assert _run("audit", "verify", "--dir", str(audit))[0] == 0


def test_remediate_without_yes_off_a_terminal_applies_nothing(account, monkeypatch):
    clients, audit = account
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = _run("scan", "--control", "S3.14", "--remediate", "--audit-dir", str(audit))
    assert "nothing is applied without --yes" in err and err.count("SKIPPED") == 3
    assert _versioning(clients, "alpha-data") == "Off"


def test_remediate_with_yes_applies_caps_and_audits(account, tmp_path):
    clients, audit = account
    settings = tmp_path / "warden.toml"
    settings.write_text(
        '[remediation]\nverify_delay_seconds = 0\n[remediation.modes]\n"s3-bucket-ssl-requests-only" = "notify"\n'
    )
    code, _, err = _run(
        "scan",
        "--control",
        "S3.14",
        "--control",
        "S3.5",
        "--remediate",
        "--yes",
        "--max-changes",
        "2",
        "--settings",
        str(settings),
        "--audit-dir",
        str(audit),
    )
    assert code == 0, err
    assert err.count("REMEDIATED") == 2 and err.count("CAPPED") == 1 and err.count("NOTIFIED") == 3
    assert "blast radius: 1 more change(s) for s3-bucket-versioning-enabled" in err
    assert sorted(_versioning(clients, n) for n in ("alpha-data", "beta-data", "gamma-data")) == [
        "Enabled",
        "Enabled",
        "Off",
    ]
    code, out, _ = _run("audit", "verify", "--dir", str(audit))
    assert code == 0 and "intact" in out


def test_exemptions_file_and_expired_report(account, tmp_path):
    clients, audit = account
    exemptions = tmp_path / "exemptions.json"
    exemptions.write_text(
        json.dumps(
            {
                "exemptions": [
                    {
                        "rule": "s3-bucket-versioning-enabled",
                        "resource": "arn:aws:s3:::alpha-*",
                        "owner": "data",
                        "reason": "archive bucket, versioning doubles its cost",
                        "expires": "2999-01-01",
                    },
                    {
                        "rule": "s3-bucket-versioning-enabled",
                        "resource": "arn:aws:s3:::beta-data",
                        "owner": "web",
                        "reason": "temporary while migrating",
                        "expires": "2020-01-01",
                    },
                ]
            }
        )
    )
    code, _, err = _run(
        "scan", "--control", "S3.14", "--remediate", "--yes", "--exemptions", str(exemptions), "--audit-dir", str(audit)
    )
    assert err.count("EXEMPT ") == 1 and "expired exemption, not applied" in err
    assert _versioning(clients, "alpha-data") == "Off" and _versioning(clients, "beta-data") == "Enabled"


def test_approve_and_rollback_commands(account, tmp_path):
    clients, audit = account
    settings = tmp_path / "warden.toml"
    settings.write_text('[remediation]\ndefault_mode = "approve"\nverify_delay_seconds = 0\n')
    from warden.ledger import Ledger, LocalStore
    from warden.registry import load_rules
    from warden.remediate import Remediator
    from warden.settings import Settings

    # the deployed path queues a plan for approval
    rule = load_rules().get("s3-bucket-ssl-requests-only")
    from warden.collectors import collector_for

    item = collector_for("AWS::S3::Bucket").read(
        clients, "us-east-1", clients.account_id, "alpha-data", rule.attributes
    )
    pending = Remediator(clients, Ledger(LocalStore(audit)), settings=Settings.load(settings)).handle(rule.run(item))
    assert pending.outcome == "PENDING_APPROVAL"
    code, out, _ = _run(
        "approve", pending.plan.plan_id, "--yes", "--audit-dir", str(audit), "--settings", str(settings)
    )
    assert code == 0 and out.splitlines()[-1].startswith("REMEDIATED")
    policy = json.loads(clients.client("s3").get_bucket_policy(Bucket="alpha-data")["Policy"])
    assert [s["Sid"] for s in policy["Statement"]] == ["WardenDenyInsecureTransport"]
    record_id = out.splitlines()[-1].rsplit("record ", 1)[1].rstrip(")")
    code, out, _ = _run("rollback", record_id, "--yes", "--audit-dir", str(audit), "--settings", str(settings))
    assert code == 0 and out.startswith("ROLLED_BACK")
    with pytest.raises(Exception, match="NoSuchBucketPolicy"):
        clients.client("s3").get_bucket_policy(Bucket="alpha-data")
    assert _run("audit", "verify", "--dir", str(audit))[0] == 0


def test_audit_verify_names_tampering_and_exits_1(account):
    clients, audit = account
    _run("scan", "--control", "S3.14", "--remediate", "--dry-run", "--audit-dir", str(audit))
    victim = sorted((audit / "chain").rglob("*.json"))[1]
    os.chmod(victim, 0o644)
    victim.write_text(victim.read_text().replace("dry-run", "auto"))
    code, out, _ = _run("audit", "verify", "--dir", str(audit))
    assert code == 1 and "TAMPERED  edited" in out


def test_audit_to_s3_bucket_and_verify(account):
    clients, _ = account
    clients.client("s3").create_bucket(Bucket="audit-log", ObjectLockEnabledForBucket=True)
    code, _, err = _run(
        "scan", "--rule", "s3-bucket-versioning-enabled", "--remediate", "--dry-run", "--audit-bucket", "audit-log"
    )
    assert code == 0 and "s3://audit-log/warden-audit" in err
    code, out, _ = _run("audit", "verify", "--bucket", "audit-log")
    # three unversioned buckets, each DETECTED then PLANNED; the Object Lock bucket is versioned already
    assert code == 0 and "6 records in 1 stream" in out
