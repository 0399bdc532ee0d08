"""`warden scan --organization` end to end on moto's in-process multi-account AWS (see test_org_scan.py for
how a missing role is simulated)."""

from __future__ import annotations

import io
import json
import re

import pytest
from moto import mock_aws

from warden import schemas
from warden.aws import Clients
from warden.cli import _OrganizationProgress, main
from warden.ledger import Ledger, LocalStore
from warden.org_scan import AccountOutcome
from warden.organization import DEFAULT_REMEDIATION_ROLE_NAME, DEFAULT_ROLE_NAME, assume, role_arn
from warden.testing import deny_assume_role

REGIONS = ["us-east-1", "eu-west-1"]


@pytest.fixture
def organization(monkeypatch):
    """The management account and members alpha and beta, each with an unversioned bucket in two regions;
    call the fixture's `deny` with an account and role name to make that role missing."""
    with mock_aws(config={"core": {"reset_boto3_session": False}}):
        clients = Clients(max_attempts=2)
        org = clients.client("organizations")
        org.create_organization(FeatureSet="ALL")
        alpha, beta = (
            org.create_account(AccountName=name, Email=f"{name}@example.com")["CreateAccountStatus"]["AccountId"]
            for name in ("alpha", "beta")
        )
        for account_id in (clients.account_id, alpha, beta):
            s3 = assume(clients, role_arn("aws", account_id, "seed")).client("s3")
            for region in REGIONS:
                where = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
                s3.create_bucket(Bucket=f"data-{account_id}-{region}", **where)
        denied: list[tuple[str, str]] = []

        def cli_clients(args):  # the command's own Clients, with the missing roles denied
            made = original(args)
            for account_id, role_name in denied:
                deny_assume_role(made, role_arn("aws", account_id, role_name))
            return made

        import warden.cli as cli
        import warden.cli_remediation as cli_remediation

        original = cli._clients
        monkeypatch.setattr(cli, "_clients", cli_clients)
        monkeypatch.setattr(cli_remediation, "_clients", cli_clients)  # approve and rollback
        yield clients, alpha, beta, lambda account_id, role_name: denied.append((account_id, role_name))


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


SCAN = ("scan", "--organization", "--region", "us-east-1", "--region", "eu-west-1", "--control", "S3.14")


def test_one_run_scans_every_account_and_a_missing_role_is_an_error_of_its_account(organization):
    clients, alpha, beta, deny = organization
    deny(beta, DEFAULT_ROLE_NAME)

    code, out, err = _run(*SCAN, "--format", "json")

    document = json.loads(out)
    schemas.validate(document, "scan")
    assert code == 0
    assert {(e["account_id"], e["region"]) for e in document["evaluations"]} == {
        (a, r) for a in (clients.account_id, alpha) for r in REGIONS
    }
    assert [(e["account_id"], e["error_code"]) for e in document["errors"]] == [(beta, "AccessDenied")]
    lines = [line for line in err.splitlines() if "] account " in line]
    assert len(lines) == 3  # one quiet line per account off a terminal
    assert any(beta in line and "failed, cannot assume" in line for line in lines)
    assert "warden: incomplete scan: 1 read error" in err

    code, table, _ = _run(*SCAN)
    assert f"Organization scan from account {clients.account_id}: 2 of 3 accounts scanned," in table
    assert "ACCOUNT" in table and alpha in table

    code, _, err = _run(*SCAN, "--format", "json", "--fail-on", "critical")
    assert code == 1  # the gate holds org-wide: an account that could not be read is never a pass
    assert f"error     {beta}  sts:AssumeRole" in err


def test_excluded_and_suspended_accounts_are_named_on_stderr(organization):
    clients, alpha, beta, _ = organization
    clients.client("organizations").close_account(AccountId=beta)

    code, out, err = _run(*SCAN, "--format", "json", "--exclude-account", alpha)

    assert code == 0
    assert {e["account_id"] for e in json.loads(out)["evaluations"]} == {clients.account_id}
    assert f"account {alpha} (alpha): skipped, excluded" in err
    assert f"account {beta} (beta): skipped, suspended" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("scan", "--role-name", "Reader"), "--role-name goes with --organization"),
        (("scan", "--region", "all"), "--region all goes with --organization"),
        (("scan", "--organization", "--region", "all", "--region", "us-east-1"), "give it alone"),
        (("scan", "--organization", "--account", "12345"), "is not an AWS account id"),
        (("scan", "--organization", "--account", "999999999999"), "not accounts of the organization: 999999999999"),
    ],
)
def test_organization_options_that_do_not_fit_are_one_line_usage_errors(organization, argv, message):
    code, _, err = _run(*argv)
    assert code == 2 and message in err and err.count("\n") == 1


def test_a_member_finding_is_fixed_through_the_member_remediation_role_and_audited_there(organization, tmp_path):
    clients, alpha, beta, deny = organization
    deny(beta, DEFAULT_REMEDIATION_ROLE_NAME)
    audit = tmp_path / "audit"

    code, _, err = _run(*SCAN, "--account", alpha, "--account", beta, "--remediate", "--yes", "--audit-dir", str(audit))

    assert code == 1  # beta's findings could not be fixed: its remediation role is missing
    for region in REGIONS:
        s3 = assume(clients, role_arn("aws", alpha, "check")).client("s3", region)
        assert s3.get_bucket_versioning(Bucket=f"data-{alpha}-{region}")["Status"] == "Enabled"
        s3 = assume(clients, role_arn("aws", beta, "check")).client("s3", region)
        assert "Status" not in s3.get_bucket_versioning(Bucket=f"data-{beta}-{region}")
    assert err.count("REMEDIATED") == 2 and err.count(f"account {beta}: AccessDenied") == 2
    records = Ledger(LocalStore(audit)).records()
    remediated = [r for r in records if r["outcome"] == "REMEDIATED"]
    assert {r["account"] for r in remediated} == {alpha}
    assert all(f":assumed-role/{DEFAULT_REMEDIATION_ROLE_NAME}/" in r["actor"] for r in remediated)
    assert all(f"::{alpha}:" in r["actor"] for r in remediated)


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_sees_each_running_account_and_a_line_per_finished_one():
    screen = _Terminal()
    display = _OrganizationProgress(screen)
    display.accounts(2)
    first, second = display.scanning("111111111111"), display.scanning("222222222222")
    first.started(4)
    second.started(2)
    first.listed("AWS::S3::Bucket", "us-east-1", 3, None)

    assert screen.getvalue().endswith("\r  0/2 accounts done; listings: 111111111111 1/4, 222222222222 0/2")
    display.finished(AccountOutcome("111111111111", "alpha", "scanned", ("us-east-1",), "3 evaluations, 0 errors"))
    display.close()
    assert "  [1/2] account 111111111111 (alpha): scanned, 3 evaluations, 0 errors\n" in screen.getvalue()
    assert screen.getvalue().endswith("\r" + " " * 112 + "\r")


def _policy(clients, account_id, bucket, region):
    s3 = assume(clients, role_arn("aws", account_id, "check")).client("s3", region)
    try:
        return s3.get_bucket_policy(Bucket=bucket)["Policy"]
    except s3.exceptions.ClientError:
        return None


def test_a_member_plan_is_approved_and_rolled_back_in_its_own_account(organization, tmp_path):
    clients, alpha, _, deny = organization
    settings = tmp_path / "warden.toml"
    settings.write_text("[remediation]\nverify_delay_seconds = 0\n")
    target = ("--audit-dir", str(tmp_path / "audit"))
    org_scan = ("scan", "--organization", "--account", alpha, "--region", "us-east-1", "--control", "S3.5")

    code, _, err = _run(*org_scan, "--remediate", "--plan-only", *target)
    (plan_id,) = re.findall(r"plan ([0-9a-f-]{36}):", err)
    assert code == 0 and _policy(clients, alpha, f"data-{alpha}-us-east-1", "us-east-1") is None

    code, out, _ = _run("approve", plan_id, "--yes", "--settings", str(settings), *target)
    assert code == 0 and "REMEDIATED: fixed and verified" in out, out
    assert "WardenDenyInsecureTransport" in _policy(clients, alpha, f"data-{alpha}-us-east-1", "us-east-1")
    (record_id,) = set(re.findall(r"record ([0-9a-f-]{36})", out))
    record = Ledger(LocalStore(tmp_path / "audit")).lookup("id", record_id)[0]
    assert record["account"] == alpha and f"::{alpha}:assumed-role/{DEFAULT_REMEDIATION_ROLE_NAME}/" in record["actor"]

    deny(alpha, DEFAULT_REMEDIATION_ROLE_NAME)  # the member role is gone: nothing is done with the caller's access
    code, _, err = _run("rollback", record_id, "--yes", *target)
    assert code == 2 and f"cannot act in account {alpha} through its remediation role: AccessDenied" in err
    assert "WardenDenyInsecureTransport" in _policy(clients, alpha, f"data-{alpha}-us-east-1", "us-east-1")


def test_the_readme_organization_commands_parse_as_written():
    from pathlib import Path

    from warden.cli import _parser

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    block = readme.split("### Scanning an organization", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    lines = block.splitlines()
    assert len(lines) == 4
    for line in lines:
        argv = line.split("#", 1)[0].split()
        assert argv[0] == ".venv/bin/warden"
        assert _parser().parse_args(argv[1:]).organization


def test_the_history_records_one_scan_per_scanned_account(organization, tmp_path):
    import datetime as dt

    from warden.reports.history import History

    clients, alpha, beta, deny = organization
    deny(beta, DEFAULT_ROLE_NAME)
    path = tmp_path / "history.sqlite3"

    assert _run(*SCAN, "--format", "json", "--history", str(path))[0] == 0

    history = History(path)
    try:
        latest = history.latest_results(dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    finally:
        history.close()
    assert sorted(r["account_id"] for r in latest) == sorted([clients.account_id, alpha])
    assert all({e["account_id"] for e in r["evaluations"]} == {r["account_id"]} for r in latest)
