"""AWS access: one injected factory of clients, with adaptive retries and call counting."""

from __future__ import annotations

import ipaddress
import os
import random
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeVar, cast

import boto3
import botocore.config
import botocore.exceptions
import botocore.parsers
from botocore.client import BaseClient

# Adaptive mode adds client-side rate limiting on top of exponential backoff, so throttled control
# planes (API Gateway: 10 requests/s per account) slow the scan down instead of failing it.
# Attempts are counted in total, first call included, as AWS_MAX_ATTEMPTS counts them.
DEFAULT_MAX_ATTEMPTS = 10

ACCESS_DENIED_CODES = frozenset(
    {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError", "Forbidden"}
)
NOT_FOUND_CODES = frozenset(
    {
        "NotFoundException",
        "NoSuchBucket",
        "TrailNotFoundException",
        "InvalidGroup.NotFound",
        "NoSuchEntity",
        "ResourceNotFoundException",
        "404",
    }
)


# Errors worth another try later: the client already retried them with backoff.
RETRIABLE_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "SlowDown",
        "InternalError",
        "InternalFailure",
        "ServiceUnavailable",
        "RequestTimeout",
        "EndpointConnectionError",
        "ConnectTimeoutError",
        "ReadTimeoutError",
        "ConnectionClosedError",
    }
)
# ResponseParserError: an endpoint that answered, but not like AWS (a proxy's page, a wrong --endpoint-url).
AWS_ERRORS = (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError, botocore.parsers.ResponseParserError)
GLOBAL_REGIONS = frozenset({"global", "aws-global", ""})
_T = TypeVar("_T")


@cache
def partition_regions(partition: str) -> frozenset[str]:
    """The regions botocore knows in `partition` (a region it does not know cannot be reached)."""
    import botocore.session

    endpoints = botocore.session.get_session().get_data("endpoints")
    return frozenset(r for p in endpoints["partitions"] if p["partition"] == partition for r in p["regions"])


def is_known_region(region: str, partition: str) -> bool:
    """A region of `partition`, or Config's pseudo-region for global resources (IAM)."""
    return region == "global" or region in partition_regions(partition)


def arn_partition(arn: str) -> str | None:
    """`aws` from `arn:aws:...`; None when `arn` is not an ARN."""
    parts = arn.split(":", 2)
    return parts[1] if len(parts) == 3 and parts[0] == "arn" and parts[1] else None


def error_code(exc: BaseException) -> str:
    """The AWS error code of an exception, or a stable name for transport failures."""
    if isinstance(exc, botocore.exceptions.ClientError):
        return str(exc.response.get("Error", {}).get("Code") or "ClientError")
    if isinstance(exc, botocore.exceptions.BotoCoreError):
        return type(exc).__name__
    return type(exc).__name__


def is_retriable_code(code: str, status: int | None = None) -> bool:
    """Throttling and server-side failures may pass on a later try; anything else will not.

    A response without a body (S3 `HeadBucket`) carries only its HTTP status as its code: 500, 503.
    """
    if code in RETRIABLE_CODES:
        return True
    if status is None and code.isdigit():
        status = int(code)
    return status is not None and (status >= 500 or status == 429)


def is_retriable(exc: BaseException) -> bool:
    status = None
    if isinstance(exc, botocore.exceptions.ClientError):
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return is_retriable_code(error_code(exc), status)


def with_retries(call: Callable[[], _T], attempts: int, sleep: Callable[[float], None] | None = None) -> _T:
    """`call`, tried again with full-jitter backoff while it fails for a transient AWS reason, on top of
    the SDK's own attempts: for writes whose loss costs more than a wait (audit records, dead letters)."""
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except AWS_ERRORS as exc:
            if attempt == attempts or not is_retriable(exc):
                raise
            (sleep or time.sleep)(random.uniform(0, min(2.0, 0.1 * 2**attempt)))  # time.sleep as patched now
    raise AssertionError("unreachable")


def _is_bare_host(endpoint_url: str | None) -> bool:
    """An IP address or localhost: a host that `ACCOUNT.` cannot be prefixed to."""
    if not endpoint_url:
        return False
    host = urllib.parse.urlsplit(endpoint_url).hostname or ""
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _account_prefix_stripper(endpoint_url: str) -> Any:
    # s3control's endpoint rules put the account id in front of the host, even a custom one:
    # 123456789012.127.0.0.1 does not resolve, so a local endpoint (moto) needs it removed.
    expected = urllib.parse.urlsplit(endpoint_url).netloc

    def strip(request: Any, **_: Any) -> None:
        parts = urllib.parse.urlsplit(request.url)
        prefix, _, rest = parts.netloc.partition(".")
        if rest == expected and prefix.isdigit():
            request.url = urllib.parse.urlunsplit(parts._replace(netloc=rest))

    return strip


class Clients:
    """Creates and caches boto3 clients per (service, region); safe to share between threads."""

    def __init__(
        self,
        session: boto3.session.Session | None = None,
        *,
        endpoint_url: str | None = None,
        max_attempts: int | None = None,
        max_pool_connections: int = 32,
    ) -> None:
        self._session = session or boto3.session.Session()
        self._endpoint_url = endpoint_url
        if max_attempts is None:  # botocore's own variable, which an explicit retry config would override
            max_attempts = int(os.environ.get("AWS_MAX_ATTEMPTS") or DEFAULT_MAX_ATTEMPTS)
        self._config = botocore.config.Config(
            retries={"mode": "adaptive", "total_max_attempts": max_attempts},
            max_pool_connections=max_pool_connections,
            user_agent_extra="warden/0.1",
        )
        self._max_attempts = max_attempts
        self._max_pool_connections = max_pool_connections
        self._clients: dict[tuple[str, str], BaseClient] = {}
        self._lock = threading.Lock()
        self._identity: dict[str, Any] | None = None
        self._handlers: list[tuple[str, Any]] = []
        self._sharing = 0  # open `sharing()` blocks
        self._shared: dict[Hashable, Future[Any]] = {}
        self.calls: Counter[str] = Counter()

    def derived(self, session: boto3.session.Session) -> Clients:
        """Clients like these (endpoint, retries, pool) for another session, such as an assumed role's."""
        return Clients(
            session,
            endpoint_url=self._endpoint_url,
            max_attempts=self._max_attempts,
            max_pool_connections=self._max_pool_connections,
        )

    @property
    def default_region(self) -> str | None:
        region: str | None = self._session.region_name
        return region

    def client(self, service: str, region: str | None = None) -> Any:
        if region in GLOBAL_REGIONS:
            region = None  # Config records IAM items in region "global"
        region = region or self.default_region or "us-east-1"
        key = (service, region)
        with self._lock:
            found = self._clients.get(key)
            if found is None:
                kwargs: dict[str, Any] = {"region_name": region, "config": self._config}
                if self._endpoint_url:
                    kwargs["endpoint_url"] = self._endpoint_url
                found = self._session.client(service, **kwargs)
                found.meta.events.register("before-call", self._count_call)
                for event, handler in self._handlers:
                    found.meta.events.register(event, handler)
                if service == "s3control" and self._endpoint_url and _is_bare_host(self._endpoint_url):
                    found.meta.events.register("before-send.s3-control", _account_prefix_stripper(self._endpoint_url))
                self._clients[key] = found
        return found

    def register(self, event: str, handler: Any) -> None:
        """Register a botocore event handler on every client these Clients made or will make (pacing, bounds)."""
        with self._lock:
            self._handlers.append((event, handler))
            for made in self._clients.values():
                made.meta.events.register(event, handler)

    @contextmanager
    def sharing(self) -> Iterator[None]:
        """A scan's scope for `shared` reads: each is made once inside it, and forgotten when it closes."""
        with self._lock:
            self._sharing += 1
        try:
            yield
        finally:
            with self._lock:
                self._sharing -= 1
                if not self._sharing:
                    self._shared.clear()

    @property
    def is_sharing(self) -> bool:
        """Whether a scan's `sharing()` block is open: an account-wide read then serves many resources."""
        return self._sharing > 0

    def shared(self, key: Hashable, read: Callable[[], _T]) -> _T:
        """`read()` once per key inside `sharing()`, for account-wide state that many resources need (the
        threads asking meanwhile wait for that one read); outside it, every call reads, so a re-read of one
        resource sees the account as it is now. A read that fails is not kept: a later one tries again."""
        with self._lock:
            if not self._sharing:
                pending = None
            elif key in self._shared:
                pending, first = self._shared[key], False
            else:
                pending, first = Future(), True
                self._shared[key] = pending
        if pending is None:
            return read()
        if not first:
            return cast(_T, pending.result())
        try:
            value = read()
        except BaseException as exc:
            with self._lock:
                self._shared.pop(key, None)
            pending.set_exception(exc)
            raise
        pending.set_result(value)
        return value

    def _count_call(self, model: Any, **_: Any) -> None:
        self.calls[f"{model.service_model.service_name}:{model.name}"] += 1

    def _caller(self) -> dict[str, Any]:
        """`sts:GetCallerIdentity`, asked once: who Warden runs as does not change within a process."""
        if self._identity is None:
            self._identity = dict(self.client("sts").get_caller_identity())
        return self._identity

    @property
    def account_id(self) -> str:
        return str(self._caller()["Account"])

    @property
    def caller_arn(self) -> str:
        return str(self._caller()["Arn"])

    @property
    def partition(self) -> str:
        """The partition Warden runs in (`aws`, `aws-cn`, `aws-us-gov`, ...), from its own ARN."""
        return arn_partition(self.caller_arn) or "aws"

    def total_calls(self, exclude: tuple[str, ...] = ("sts",)) -> int:
        return sum(n for name, n in self.calls.items() if name.split(":")[0] not in exclude)
