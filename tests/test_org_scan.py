"""Organization scans on moto's multi-account support: assuming a role named in another account id acts in
that account. moto lets every AssumeRole succeed, so a missing role is an AccessDenied injected for that one
role ARN on the central STS client (see tests/README.md)."""

from __future__ import annotations

import threading

import pytest
from moto import mock_aws

from warden import schemas
from warden.aws import Clients
from warden.org_scan import OrganizationScanner, Pacing, Rate, TokenBucket
from warden.organization import DEFAULT_ROLE_NAME, OrganizationError, assume, role_arn
from warden.registry import load_rules
from warden.scan import ScanInterrupted
from warden.testing import deny_assume_role, inject_fault

REGIONS = ["us-east-1", "eu-west-1"]
VERSIONING = load_rules().select(["s3-bucket-versioning-enabled"])


@pytest.fixture
def organization():
    """A management account and two members, each with one unversioned bucket in each of two regions."""
    with mock_aws(config={"core": {"reset_boto3_session": False}}):
        clients = Clients(max_attempts=2)
        org = clients.client("organizations")
        org.create_organization(FeatureSet="ALL")
        members = [
            org.create_account(AccountName=name, Email=f"{name}@example.com")["CreateAccountStatus"]["AccountId"]
            for name in ("alpha", "beta")
        ]
        accounts = [clients.account_id, *members]
        for account_id in accounts:
            s3 = assume(clients, role_arn("aws", account_id, "seed")).client("s3")
            for region in REGIONS:
                where = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
                s3.create_bucket(Bucket=f"data-{account_id}-{region}", **where)
        yield clients, accounts


def test_three_accounts_two_regions_in_one_run_with_one_role_missing(organization):
    clients, (management, alpha, beta) = organization
    deny_assume_role(clients, role_arn("aws", beta, DEFAULT_ROLE_NAME))

    result = OrganizationScanner(clients).run(VERSIONING, REGIONS)
    document = result.to_dict()

    schemas.validate(document, "scan")
    scanned = {(e.account_id, e.region, e.resource_id) for e in result.evaluations}
    assert scanned == {(a, r, f"data-{a}-{r}") for a in (management, alpha) for r in REGIONS}
    assert {e.compliance for e in result.evaluations} == {"NON_COMPLIANT"}
    [error] = document["errors"]
    assert (error["account_id"], error["operation"], error["error_code"]) == (beta, "sts:AssumeRole", "AccessDenied")
    assert {a["account_id"]: a["status"] for a in document["accounts"]} == {
        management: "scanned",
        alpha: "scanned",
        beta: "failed",
    }
    assert document["account_id"] == management and document["regions"] == REGIONS


def test_excluded_and_suspended_accounts_are_not_scanned_and_say_why(organization):
    clients, (management, alpha, beta) = organization
    clients.client("organizations").close_account(AccountId=beta)

    document = OrganizationScanner(clients, exclude=[alpha]).run(VERSIONING, REGIONS).to_dict()

    assert {e["account_id"] for e in document["evaluations"]} == {management}
    outcomes = {a["account_id"]: (a["status"], a["detail"]) for a in document["accounts"]}
    assert outcomes[alpha] == ("skipped", "excluded") and outcomes[beta] == ("skipped", "suspended")
    assert clients.calls["sts:AssumeRole"] == 3 + 1  # the fixture's three, then the management account only
    assert document["errors"] == []


def test_a_region_the_account_has_not_enabled_is_an_error_and_the_others_are_scanned(organization):
    clients, (management, alpha, _) = organization

    document = OrganizationScanner(clients, accounts=[alpha]).run(VERSIONING, ["us-east-1", "ap-east-1"]).to_dict()

    assert [(e["account_id"], e["region"], e["error_code"]) for e in document["errors"]] == [
        (alpha, "ap-east-1", "RegionDisabled")
    ]
    assert {(e["account_id"], e["region"]) for e in document["evaluations"]} == {(alpha, "us-east-1")}


def test_region_all_scans_the_regions_each_account_has_enabled(organization):
    clients, (management, *_) = organization

    document = OrganizationScanner(clients, accounts=[management]).run(VERSIONING, None).to_dict()

    [account] = document["accounts"]
    assert set(REGIONS) <= set(account["regions"]) and "ap-east-1" not in account["regions"]
    assert {e["region"] for e in document["evaluations"]} == set(REGIONS)
    assert document["errors"] == []


def test_an_unreadable_organization_is_an_error_and_named_accounts_are_still_scanned(organization):
    clients, (management, alpha, _) = organization
    inject_fault(clients.client("organizations"), "ListAccounts", "AccessDeniedException", 400)

    document = OrganizationScanner(clients, accounts=[alpha]).run(VERSIONING, REGIONS).to_dict()

    assert [(e["account_id"], e["operation"]) for e in document["errors"]] == [
        (management, "organizations:ListAccounts")
    ]
    assert {e["account_id"] for e in document["evaluations"]} == {alpha}


def test_an_account_outside_the_organization_is_refused_before_scanning(organization):
    clients, _ = organization
    with pytest.raises(OrganizationError, match="999999999999"):
        OrganizationScanner(clients, accounts=["999999999999"]).run(VERSIONING, REGIONS)
    assert clients.calls["sts:AssumeRole"] == 3  # only the fixture's


class _Clock:
    """A clock that moves only when the code under test sleeps (by `late` more than asked, if given)."""

    def __init__(self, late=0.0):
        self.now, self.late = 100.0, late

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds + self.late


def _most_in_one_second(times):
    return max(sum(1 for t in times if start <= t <= start + 1.0) for start in times)


def test_a_burst_is_paced_under_the_rate():
    clock = _Clock()
    bucket = TokenBucket(rate=8.0, capacity=1, clock=clock, sleep=clock.sleep)
    sent_at = []
    for _ in range(40):  # 40 callers at once: each leaves when the bucket lets it
        bucket.acquire()
        sent_at.append(clock.now)

    # Never more than 9 requests in any one-second window (API Gateway's quota is 10), 8 a second on average.
    assert _most_in_one_second(sent_at) == 9
    assert sent_at[-1] - sent_at[0] == pytest.approx(39 / 8)
    clock.now += 10.0  # after a pause only `capacity` tokens are saved up, not ten seconds' worth
    assert bucket.acquire() == 0.0 and bucket.acquire() == pytest.approx(1 / 8)


def test_a_caller_that_wakes_late_earns_no_catch_up_burst():
    clock = _Clock(late=0.3)  # a busy machine: every sleep overruns
    bucket = TokenBucket(rate=8.0, capacity=1, clock=clock, sleep=clock.sleep)
    sent_at = []
    for _ in range(20):
        bucket.acquire()
        sent_at.append(clock.now)

    gaps = [b - a for a, b in zip(sent_at, sent_at[1:], strict=False)]
    assert min(gaps) >= 1 / 8 and _most_in_one_second(sent_at) <= 9


def test_every_api_gateway_call_passes_the_bucket_and_connections_are_given_back(organization):
    clients, (_, alpha, _) = organization
    now, slept = [0.0], []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    member = assume(clients, role_arn("aws", alpha, DEFAULT_ROLE_NAME))
    connections = threading.BoundedSemaphore(1)
    pacing = Pacing(connections, {"apigateway": Rate("test", 8.0, 1)}, clock=lambda: now[0], sleep=sleep)
    pacing.install(member)
    for _ in range(5):
        member.client("apigateway").get_rest_apis()
    member.client("s3").list_buckets()  # no rate for S3: not paced
    inject_fault(member.client("apigateway", "eu-west-1"), "GetRestApis", "AccessDeniedException", 403)
    with pytest.raises(Exception, match="AccessDenied"):
        member.client("apigateway", "eu-west-1").get_rest_apis()

    assert slept == [pytest.approx(1 / 8)] * 4  # each region has its own allowance
    assert connections.acquire(timeout=0)  # the failed call gave its connection back too


class _InterruptedAt:
    """Progress that raises Ctrl-C when the scan of `account_id` begins."""

    def __init__(self, account_id):
        self.account_id = account_id
        self.outcomes = []

    def accounts(self, total):
        pass

    def scanning(self, account_id):
        if account_id == self.account_id:
            raise KeyboardInterrupt
        return None

    def finished(self, outcome):
        self.outcomes.append(outcome)


def test_an_interrupt_keeps_what_the_finished_accounts_found_marked_partial(organization):
    clients, accounts = organization
    *finished, last = sorted(accounts)  # accounts are scanned in id order, here one at a time
    scanner = OrganizationScanner(clients, accounts_at_once=1, progress=_InterruptedAt(last))

    with pytest.raises(ScanInterrupted) as stopped:
        scanner.run(VERSIONING, REGIONS)

    document = stopped.value.result.to_dict()
    schemas.validate(document, "scan")
    assert document["partial"] is True
    assert {e["account_id"] for e in document["evaluations"]} == set(finished)
    outcomes = {a["account_id"]: (a["status"], a["detail"]) for a in document["accounts"]}
    assert outcomes == {
        **{a: ("scanned", "2 evaluations, 0 errors") for a in finished},
        last: ("skipped", "interrupted before its scan ended"),
    }
