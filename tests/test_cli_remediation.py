"""`warden scan --remediate`, `approve`, `rollback` and `audit verify` against a moto server on 127.0.0.1."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import urllib.request
from pathlib import Path

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
    assert code == 1 and err.endswith("warden: nothing was changed\n")
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
    assert len(set(_ids(err, "record"))) == 2 and err.count("(not reversible)") == 2
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


class _Terminal(io.StringIO):
    """An operator at a terminal who answers every question with `answer`."""

    def __init__(self, answer: str) -> None:
        super().__init__((answer + "\n") * 20)

    def isatty(self) -> bool:
        return True


def _ids(text, marker=None):
    """Ids printed after `marker` (`plan <id>:`, `record <id>`), or without one at the start of a line."""
    return re.findall((rf"{marker} " if marker else "(?m)^") + "([0-9a-f-]{36})", text)


def _policy_sids(clients, name):
    try:
        policy = clients.client("s3").get_bucket_policy(Bucket=name)["Policy"]
    except clients.client("s3").exceptions.ClientError:
        return []
    return [s["Sid"] for s in json.loads(policy)["Statement"]]


def test_plan_only_then_plans_approve_and_rollback(account, tmp_path):
    clients, audit = account
    settings = tmp_path / "warden.toml"
    settings.write_text("[remediation]\nverify_delay_seconds = 0\n")
    target = ("--audit-dir", str(audit))
    code, _, err = _run("scan", "--control", "S3.5", "--remediate", "--plan-only", *target)
    assert code == 0 and err.count("PENDING_APPROVAL") == 3, err
    printed = _ids(err, "plan")
    assert len(printed) == 3 and f"warden approve {printed[0]} --audit-dir {audit}" in err
    assert {_policy_sids(clients, n) == [] for n in ("alpha-data", "beta-data", "gamma-data")} == {True}

    code, out, _ = _run("plans", *target)
    assert code == 0 and sorted(_ids(out)) == sorted(printed)
    assert "s3-bucket-ssl-requests-only" in out and re.search(r" low +\d+s  arn:aws:s3:::alpha-data\n", out)

    code, out, _ = _run("approve", printed[0], "--yes", "--settings", str(settings), *target)
    assert code == 0 and "REMEDIATED: fixed and verified" in out, out
    (record_id,) = set(_ids(out, "record"))
    assert f"undo with: warden rollback {record_id} --audit-dir {audit}" in out
    approved = [n for n in ("alpha-data", "beta-data", "gamma-data") if _policy_sids(clients, n)]
    assert len(approved) == 1 and _policy_sids(clients, approved[0]) == ["WardenDenyInsecureTransport"]
    assert sorted(_ids(_run("plans", *target)[1], "")) == sorted(printed[1:])
    code, _, err = _run("approve", printed[0], "--yes", *target)
    assert code == 2 and "already approved" in err

    code, out, _ = _run("rollback", record_id, "--yes", "--settings", str(settings), *target)
    assert code == 0 and "ROLLED_BACK" in out and _policy_sids(clients, approved[0]) == []
    code, _, err = _run("rollback", record_id, "--yes", *target)
    assert code == 2 and "already rolled back" in err and len(err.splitlines()) == 1
    assert _run("audit", "verify", "--dir", str(audit))[0] == 0


def test_rollback_checks_the_record_before_asking(account, monkeypatch):
    _, audit = account
    monkeypatch.setattr("sys.stdin", _Terminal("y"))
    _run("scan", "--control", "S3.14", "--remediate", "--dry-run", "--audit-dir", str(audit))
    _, _, err = _run("scan", "--control", "S3.14", "--remediate", "--plan-only", "--audit-dir", str(audit))
    planned = _ids(err, "plan")
    for record_id, reason in (
        ("6f1c1f0e-0000-4000-8000-000000000000", "no audit record"),
        (planned[0], "no audit record"),  # a plan id is not a record id
    ):
        code, _, err = _run("rollback", record_id, "--audit-dir", str(audit))
        assert code == 2 and reason in err and "[y/N]" not in err


def test_irreversible_change_is_refused_before_asking(account, monkeypatch, tmp_path):
    clients, audit = account
    settings = tmp_path / "warden.toml"
    settings.write_text("[remediation]\nverify_delay_seconds = 0\n")
    code, _, err = _run(
        "scan", "--rule", "s3-bucket-versioning-enabled", "--remediate", "--yes", "--settings", str(settings),
        "--audit-dir", str(audit),
    )  # fmt: skip
    assert code == 0 and err.count("(not reversible)") == 3
    record_id = _ids(err, "record")[0]
    monkeypatch.setattr("sys.stdin", _Terminal("y"))
    code, _, err = _run("rollback", record_id, "--audit-dir", str(audit))
    assert code == 2 and "not reversible" in err and "[y/N]" not in err


@pytest.mark.parametrize("stdin", [io.StringIO(""), _Terminal("n")], ids=["no terminal", "declined"])
def test_approve_and_rollback_not_confirmed_change_nothing_and_exit_1(account, monkeypatch, tmp_path, stdin):
    clients, audit = account
    settings = tmp_path / "warden.toml"
    settings.write_text("[remediation]\nverify_delay_seconds = 0\n")
    target = ("--audit-dir", str(audit), "--settings", str(settings))
    _, _, err = _run("scan", "--rule", "s3-bucket-ssl-requests-only", "--remediate", "--plan-only", *target[:2])
    plan_id = _ids(err, "plan")[0]
    monkeypatch.setattr("sys.stdin", stdin)
    code, _, err = _run("approve", plan_id, *target)
    assert code == 1 and err.endswith("warden: nothing was changed\n")
    assert {_policy_sids(clients, n) == [] for n in ("alpha-data", "beta-data", "gamma-data")} == {True}
    record_id = _ids(_run("approve", plan_id, "--yes", *target)[1], "record")[0]
    code, _, err = _run("rollback", record_id, *target)
    assert code == 1 and err.endswith("warden: nothing was changed\n")
    assert sum(bool(_policy_sids(clients, n)) for n in ("alpha-data", "beta-data", "gamma-data")) == 1


def test_one_change_for_two_findings_on_one_security_group(account, tmp_path):
    clients, audit = account
    ec2 = clients.client("ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    group = ec2.create_security_group(GroupName="ssh", Description="ssh", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=group,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    )
    settings = tmp_path / "warden.toml"
    settings.write_text("[remediation]\nverify_delay_seconds = 0\n")
    code, _, err = _run(
        "scan", "--control", "EC2.18", "--control", "EC2.19", "--remediate", "--yes", "--settings", str(settings),
        "--audit-dir", str(audit),
    )  # fmt: skip
    assert code == 0, err
    assert err.count("  change ") == 1 and "one change for 2 findings" in err
    (remediated,) = [line for line in err.splitlines() if line.strip().startswith("REMEDIATED")]
    assert group in remediated and "InvalidPermission.NotFound" not in err
    record_id = _ids(err, "record")[0]
    assert f"covered by the change in record {record_id}" in err
    permissions = ec2.describe_security_groups(GroupIds=[group])["SecurityGroups"][0]["IpPermissions"]
    assert permissions == []


def test_audit_bucket_problems_stop_before_the_scan(account):
    clients, _ = account
    code, out, err = _run("scan", "--control", "S3.14", "--remediate", "--dry-run", "--audit-bucket", "no-such-bucket")
    assert (code, out) == (2, "") and err == "warden: the audit bucket no-such-bucket does not exist\n"
    code, _, err = _run("scan", "--control", "S3.14", "--remediate", "--dry-run", "--audit-bucket", "beta-data")
    assert code == 0 and "warning: the audit bucket beta-data has no Object Lock" in err
    s3 = clients.client("s3")
    s3.create_bucket(Bucket="locked-audit", ObjectLockEnabledForBucket=True)
    s3.put_object_lock_configuration(
        Bucket="locked-audit",
        ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled",
            "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}},
        },
    )
    code, _, err = _run("scan", "--control", "S3.14", "--remediate", "--dry-run", "--audit-bucket", "locked-audit")
    assert code == 0 and "warning" not in err
    code, _, err = _run("plans", "--audit-bucket", "no-such-bucket")
    assert code == 2 and len(err.splitlines()) == 1


def test_unwritable_audit_dir_stops_before_the_scan(account, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    code, out, err = _run(
        "scan", "--control", "S3.14", "--remediate", "--dry-run", "--audit-dir", str(blocker / "audit")
    )
    assert (code, out) == (2, "") and "cannot write the audit directory" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "argv,message",
    [
        (["--plan-only"], "--plan-only goes with --remediate"),
        (["--audit-dir", "x"], "--audit-dir goes with --remediate"),
        (["--remediate", "--plan-only", "--dry-run"], "choose one"),
    ],
)
def test_remediation_options_that_do_not_fit_stop_before_the_scan(account, argv, message):
    code, out, err = _run("scan", "--control", "S3.14", *argv)
    assert (code, out) == (2, "") and message in err and len(err.splitlines()) == 1


def test_readme_remediation_commands_work_as_written(account, monkeypatch, tmp_path):
    """Every command of the README's remediation block, in order, with the ids the earlier ones printed."""
    clients, _ = account
    clients.client("s3").create_bucket(Bucket="my-audit-bucket")
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    block = readme.split("## Remediation and the audit ledger", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", _Terminal("y"))
    printed: dict[str, str] = {}
    for line in block.splitlines():
        argv = [printed.get(word, word) for word in shlex.split(line.split("#", 1)[0])]
        assert argv[0] == ".venv/bin/warden"
        code, out, err = _run(*argv[1:])
        assert code == 0, f"{line}\n{out}{err}"
        if argv[1] == "plans" and "PLAN_ID" not in printed:
            printed["PLAN_ID"] = _ids(out)[0]
        if argv[1] == "approve":
            printed["RECORD_ID"] = _ids(out, "record")[0]
    assert set(printed) == {"PLAN_ID", "RECORD_ID"}


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
