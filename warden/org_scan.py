"""Scanning every account and region of an AWS Organization in one run, each account through its own role,
paced under each service's API rate and within one bound on the calls in flight."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from warden.aws import AWS_ERRORS, Clients, error_code, partition_regions
from warden.exemptions import Exemptions
from warden.model import ACCOUNT_RESOURCE_TYPE, ScanError
from warden.organization import DEFAULT_ROLE_NAME, Account, OrganizationError, assume, list_accounts, role_arn
from warden.registry import Rule
from warden.scan import Progress, ScanInterrupted, Scanner, ScanResult

# ec2:DescribeRegions' word for a region the account has not enabled (its calls would all fail).
NOT_ENABLED = "not-opted-in"


@dataclass(frozen=True)
class Rate:
    """A request rate Warden keeps to: `per_second` on average, at most `burst` at once after a pause.

    Services that name the same `name` share one allowance (per account and region)."""

    name: str
    per_second: float
    burst: int


# API Gateway's control plane (v1 and v2 share the endpoint apigateway.REGION.amazonaws.com) allows 10
# requests per second per account and region. 8 a second with a burst of 1 never puts more than 9 in any
# one second, so the scan stays under the quota instead of being throttled into retries.
API_GATEWAY_CONTROL_PLANE = Rate("apigateway-control-plane", per_second=8.0, burst=1)
SERVICE_RATES: Mapping[str, Rate] = {
    "apigateway": API_GATEWAY_CONTROL_PLANE,
    "apigatewayv2": API_GATEWAY_CONTROL_PLANE,
}


class TokenBucket:
    """`rate` tokens a second, at most `capacity` saved up; a caller that finds none sleeps until one is due.

    Callers wait in turn (the lock is held while one sleeps), and a caller that wakes late gets no credit for
    the delay: after the saved-up burst, calls leave at least 1/`rate` apart however the threads are scheduled,
    so with capacity 1 no window of one second ever holds more than `rate` + 1 calls."""

    def __init__(
        self,
        rate: float,
        capacity: int,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0 or capacity < 1:
            raise ValueError("a token bucket needs a positive rate and room for one token")
        self._rate = rate
        self._capacity = float(capacity)
        self._clock = clock
        self._sleep = sleep
        self._tokens = float(capacity)
        self._stamp = clock()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Take a token, waiting for it if need be; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self._capacity, self._tokens + (now - self._stamp) * self._rate)
            waited = 0.0
            if self._tokens < 1:
                self._sleep((1 - self._tokens) / self._rate)
                woke = self._clock()
                waited, now = woke - now, woke
                self._tokens = 1.0  # exactly the token waited for: oversleeping earns nothing
            self._tokens -= 1
            self._stamp = now
            return waited


class Pacing:
    """One account's API rates, and the run's bound on calls in flight, applied to every call its clients
    make (botocore `before-call` / `after-call` handlers), so no collector can bypass them."""

    _HOLDS = "warden_connection"  # marks a call's context as holding a permit of `connections`

    def __init__(
        self,
        connections: threading.Semaphore | None = None,
        rates: Mapping[str, Rate] = SERVICE_RATES,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._connections = connections
        self._rates = rates
        self._clock = clock
        self._sleep = sleep
        self._buckets: dict[tuple[str, str], TokenBucket] = {}
        self._lock = threading.Lock()

    def install(self, clients: Clients) -> None:
        clients.register("before-call", self._before_call)
        clients.register("after-call", self._after_call)
        clients.register("after-call-error", self._after_call)

    def bucket(self, service: str, region: str) -> TokenBucket | None:
        rate = self._rates.get(service)
        if rate is None:
            return None
        with self._lock:
            key = (rate.name, region)
            if key not in self._buckets:
                self._buckets[key] = TokenBucket(rate.per_second, rate.burst, self._clock, self._sleep)
            return self._buckets[key]

    def _before_call(self, model: Any, context: dict[str, Any], **_: Any) -> None:
        bucket = self.bucket(model.service_model.service_name, str(context.get("client_region") or ""))
        if bucket is not None:
            bucket.acquire()
        if self._connections is not None:  # after pacing: a call waiting for its turn holds no connection
            self._connections.acquire()
            context[self._HOLDS] = True

    def _after_call(self, context: dict[str, Any], **_: Any) -> None:
        if context.pop(self._HOLDS, False) and self._connections is not None:
            self._connections.release()


@dataclass(frozen=True)
class AccountOutcome:
    account_id: str
    name: str
    status: str  # scanned, skipped, failed
    regions: tuple[str, ...] = ()
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "name": self.name,
            "status": self.status,
            "regions": list(self.regions),
            "detail": self.detail,
        }


class OrganizationProgress(Protocol):
    """What an organization scan reports: the accounts to scan, each account's own scan, each outcome."""

    def accounts(self, total: int) -> None: ...

    def scanning(self, account_id: str) -> Progress | None: ...

    def finished(self, outcome: AccountOutcome) -> None: ...


@dataclass
class _AccountScan:
    outcome: AccountOutcome
    result: ScanResult | None = None
    errors: list[ScanError] = dataclasses.field(default_factory=list)
    api_calls: int = 0


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class OrganizationScanner:
    """Scans the organization's active accounts (or the ones named) concurrently, `accounts_at_once` at a
    time, each through `role_name` in it; whatever fails in one account is an error of that account."""

    def __init__(
        self,
        clients: Clients,
        *,
        role_name: str = DEFAULT_ROLE_NAME,
        external_id: str | None = None,
        accounts: Sequence[str] = (),
        exclude: Sequence[str] = (),
        workers: int = 16,
        accounts_at_once: int = 4,
        max_connections: int = 64,
        exemptions: Exemptions | None = None,
        progress: OrganizationProgress | None = None,
        rates: Mapping[str, Rate] = SERVICE_RATES,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clients = clients
        self._role_name = role_name
        self._external_id = external_id
        self._include = list(dict.fromkeys(accounts))
        self._exclude = frozenset(exclude)
        self._workers = workers
        self._accounts_at_once = accounts_at_once
        self._connections = threading.BoundedSemaphore(max_connections)
        self._exemptions = exemptions or Exemptions()
        self._progress = progress
        self._rates = rates
        self._sleep = sleep
        self._scanners: dict[str, Scanner] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    def run(
        self,
        rules: Sequence[Rule],
        regions: Sequence[str] | None,
        parameters: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> ScanResult:
        """`regions` None: every region each account has enabled. Raises ScanInterrupted on Ctrl-C and
        OrganizationError when an account named with `accounts` is not in the organization."""
        started_at = _now()
        calls_before = self._clients.total_calls()
        targets, not_scanned = self._targets()
        if self._progress:
            self._progress.accounts(len(targets) + len(not_scanned))
            for skipped in not_scanned:
                self._progress.finished(skipped.outcome)
        interrupted = False
        with ThreadPoolExecutor(max_workers=self._accounts_at_once, thread_name_prefix="warden-account") as pool:
            futures: list[Future[_AccountScan]] = [
                pool.submit(self._scan_account, account, rules, regions, parameters) for account in targets
            ]
            try:
                for future in futures:
                    future.result()
            except KeyboardInterrupt:
                # Stop every account's scan; what the ones already running found is kept, marked partial.
                interrupted = True
                self._stopping.set()
                for future in futures:
                    future.cancel()
                with self._lock:
                    for scanner in self._scanners.values():
                        scanner.stop()
        # An account whose scan the interrupt itself ended (its future raised it) has nothing to add.
        scans = not_scanned + [f.result() for f in futures if not f.cancelled() and f.exception() is None]
        if interrupted:
            ended = {s.outcome.account_id for s in scans}
            scans += [
                _AccountScan(
                    AccountOutcome(a.account_id, a.name, "skipped", detail="interrupted before its scan ended")
                )
                for a in targets
                if a.account_id not in ended
            ]
        result = self._merge(scans, regions, started_at)
        result.api_calls += self._clients.total_calls() - calls_before
        if interrupted:
            result.partial = True
            raise ScanInterrupted(result)
        return result

    def _targets(self) -> tuple[list[Account], list[_AccountScan]]:
        """The accounts to scan, and the outcomes of those not scanned (suspended, excluded, unreadable)."""
        caller = self._clients.account_id
        try:
            listed = list_accounts(self._clients)
        except AWS_ERRORS as exc:
            error = ScanError(
                "AWS::Organizations::Account",
                "global",
                "organizations:ListAccounts",
                error_code(exc),
                f"cannot list the organization's accounts from account {caller}: {exc}",
                account_id=caller,
            )
            failed = _AccountScan(
                AccountOutcome(caller, "", "failed", detail="organization not readable"), None, [error]
            )
            # The accounts named on the command line can still be scanned without the list.
            return [Account(a, "", "ACTIVE") for a in self._include if a not in self._exclude], [failed]
        known = {a.account_id: a for a in listed}
        unknown = [a for a in self._include if a not in known]
        if unknown:
            raise OrganizationError(f"not accounts of the organization: {', '.join(unknown)}")
        chosen = [known[a] for a in self._include] if self._include else listed
        targets, skipped = [], []
        for account in chosen:
            if account.account_id in self._exclude:
                skipped.append(
                    _AccountScan(AccountOutcome(account.account_id, account.name, "skipped", detail="excluded"))
                )
            elif not account.active:
                outcome = AccountOutcome(
                    account.account_id, account.name, "skipped", detail=f"{account.status.lower()}"
                )
                skipped.append(_AccountScan(outcome))
            else:
                targets.append(account)
        return targets, skipped

    def _scan_account(
        self,
        account: Account,
        rules: Sequence[Rule],
        regions: Sequence[str] | None,
        parameters: Mapping[str, Mapping[str, Any]] | None,
    ) -> _AccountScan:
        scan = self._scan_one(account, rules, regions, parameters)
        if self._progress:
            self._progress.finished(scan.outcome)
        return scan

    def _scan_one(
        self,
        account: Account,
        rules: Sequence[Rule],
        regions: Sequence[str] | None,
        parameters: Mapping[str, Mapping[str, Any]] | None,
    ) -> _AccountScan:
        account_id = account.account_id

        def failed(operation: str, exc: BaseException, detail: str) -> _AccountScan:
            error = ScanError(
                ACCOUNT_RESOURCE_TYPE, "global", operation, error_code(exc), f"{detail}: {exc}", account_id=account_id
            )
            return _AccountScan(
                AccountOutcome(account_id, account.name, "failed", detail=f"{detail} ({error.error_code})"),
                None,
                [error],
            )

        arn = role_arn(self._clients.partition, account_id, self._role_name)
        try:
            member = assume(self._clients, arn, session_name="warden-scan", external_id=self._external_id)
        except AWS_ERRORS as exc:
            return failed("sts:AssumeRole", exc, f"cannot assume {arn}")
        Pacing(self._connections, self._rates, sleep=self._sleep).install(member)
        try:
            enabled = enabled_regions(member)
        except AWS_ERRORS as exc:
            if regions is None:
                return failed("ec2:DescribeRegions", exc, "cannot list the account's enabled regions")
            enabled = None  # the regions named are scanned as given; a disabled one shows as its read errors
        errors = []
        chosen = list(regions) if regions is not None else sorted(enabled or ())
        if enabled is not None and regions is not None:
            for region in chosen:
                if region not in enabled:
                    message = f"region {region} is not enabled in account {account_id}: not scanned"
                    errors.append(
                        ScanError(
                            ACCOUNT_RESOURCE_TYPE,
                            region,
                            "ec2:DescribeRegions",
                            "RegionDisabled",
                            message,
                            account_id=account_id,
                        )
                    )
            chosen = [r for r in chosen if r in enabled]
        if not chosen or self._stopping.is_set():
            detail = "no enabled region to scan" if not chosen else "interrupted before it started"
            return _AccountScan(
                AccountOutcome(account_id, account.name, "failed", detail=detail), None, errors, member.total_calls()
            )
        scanner = Scanner(
            member,
            workers=self._workers,
            progress=self._progress.scanning(account_id) if self._progress else None,
            exemptions=self._exemptions,
        )
        with self._lock:
            self._scanners[account_id] = scanner
        try:
            result = scanner.run(rules, chosen, parameters)
        except AWS_ERRORS as exc:  # the role's credentials work for AssumeRole but not for the account
            return failed("sts:GetCallerIdentity", exc, f"cannot act as {arn}")
        finally:
            with self._lock:
                self._scanners.pop(account_id, None)
        result.api_calls = member.total_calls()
        detail = f"{len(result.evaluations)} evaluations, {len(result.errors) + len(errors)} errors"
        outcome = AccountOutcome(account_id, account.name, "scanned", tuple(chosen), detail)
        return _AccountScan(outcome, result, errors, result.api_calls)

    def _merge(self, scans: Sequence[_AccountScan], regions: Sequence[str] | None, started_at: str) -> ScanResult:
        scanned = sorted({r for s in scans for r in s.outcome.regions})
        chosen = list(regions) if regions is not None else scanned
        merged = ScanResult(
            account_id=self._clients.account_id,
            regions=chosen or [self._clients.default_region or "us-east-1"],
            started_at=started_at,
        )
        merged.expired_exemptions = self._exemptions.expired()
        for scan in sorted(scans, key=lambda s: s.outcome.account_id):
            merged.accounts.append(scan.outcome.to_dict())
            merged.errors.extend(scan.errors)
            merged.api_calls += scan.api_calls
            result = scan.result
            if result is None:
                continue
            merged.evaluations.extend(result.evaluations)
            merged.errors.extend(dataclasses.replace(e, account_id=scan.outcome.account_id) for e in result.errors)
            merged.exempted.update(result.exempted)
            merged.listings += result.listings
            merged.listings_failed += result.listings_failed
            merged.resources_listed += result.resources_listed
            merged.resources_unread += result.resources_unread
            merged.evaluations_skipped += result.evaluations_skipped
        merged.evaluations.sort(key=lambda e: (e.account_id, e.rule_id, e.region, e.resource_id))
        merged.finished_at = _now()
        return merged


def enabled_regions(clients: Clients) -> frozenset[str]:
    """The regions the account behind `clients` has enabled (opt-in regions only once opted in), in its
    partition and known to botocore."""
    answer = clients.client("ec2").describe_regions(AllRegions=True)
    known = partition_regions(clients.partition)
    return frozenset(
        r["RegionName"] for r in answer["Regions"] if r.get("OptInStatus") != NOT_ENABLED and r["RegionName"] in known
    )


def per_account_results(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """An organization scan's result as one `warden.scan/v2` result per scanned account (for the history,
    which keeps each account's own timeline)."""
    results = []
    for account in document.get("accounts", []):
        if account["status"] != "scanned":
            continue
        account_id = account["account_id"]
        results.append(
            {
                **{k: document[k] for k in ("schema", "started_at", "finished_at", "partial", "expired_exemptions")},
                "account_id": account_id,
                "regions": account["regions"],
                "evaluations": [e for e in document["evaluations"] if e["account_id"] == account_id],
                "errors": [e for e in document["errors"] if e.get("account_id") == account_id],
            }
        )
    return results
