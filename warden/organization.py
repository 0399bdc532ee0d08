"""An AWS Organization's accounts, and clients that act in a member account through its role."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
import botocore.credentials
import botocore.session

from warden.aws import Clients
from warden.model import WardenError

# The role names the member template creates; the operator can name others.
DEFAULT_ROLE_NAME = "WardenReadRole"
DEFAULT_REMEDIATION_ROLE_NAME = "WardenRemediationRole"


class OrganizationError(WardenError):
    """The organization's account list could not be read (not a management or delegated account?)."""


@dataclass(frozen=True)
class Account:
    account_id: str
    name: str
    status: str  # ACTIVE, SUSPENDED, PENDING_CLOSURE (Organizations' own words)

    @property
    def active(self) -> bool:
        return self.status == "ACTIVE"


def role_arn(partition: str, account_id: str, role_name: str) -> str:
    return f"arn:{partition}:iam::{account_id}:role/{role_name}"


def list_accounts(clients: Clients) -> list[Account]:
    """Every account of the organization Warden's own account belongs to, suspended ones included."""
    organizations = clients.client("organizations")
    accounts = []
    for page in organizations.get_paginator("list_accounts").paginate():
        for found in page["Accounts"]:
            accounts.append(Account(found["Id"], found.get("Name", ""), found.get("Status", "ACTIVE")))
    return sorted(accounts, key=lambda a: a.account_id)


class Members:
    """The organization's active account ids, read once and kept for `ttl` seconds (a finding's account is
    checked against it; an account that joined since is found on the next read)."""

    def __init__(self, clients: Clients, ttl: float = 300.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._clients = clients
        self._ttl = ttl
        self._clock = clock
        self._ids: frozenset[str] = frozenset()
        self._read_at: float | None = None
        self._lock = threading.Lock()

    def __contains__(self, account_id: object) -> bool:
        with self._lock:
            now = self._clock()
            if self._read_at is None or now - self._read_at > self._ttl:
                self._ids = frozenset(a.account_id for a in list_accounts(self._clients) if a.active)
                self._read_at = now
            return account_id in self._ids


def assume(
    clients: Clients,
    arn: str,
    *,
    session_name: str = "warden",
    external_id: str | None = None,
    duration_seconds: int = 3600,
) -> Clients:
    """Clients acting as role `arn` (usually in a member account), with credentials that refresh themselves
    before they expire, so a long scan or a warm Lambda container never uses stale ones."""
    sts = clients.client("sts")

    def fetch() -> dict[str, Any]:
        kwargs: dict[str, Any] = {"RoleArn": arn, "RoleSessionName": session_name, "DurationSeconds": duration_seconds}
        if external_id:
            kwargs["ExternalId"] = external_id
        credentials = sts.assume_role(**kwargs)["Credentials"]
        expiry = credentials["Expiration"]
        if isinstance(expiry, dt.datetime):
            expiry = expiry.isoformat()
        return {
            "access_key": credentials["AccessKeyId"],
            "secret_key": credentials["SecretAccessKey"],
            "token": credentials["SessionToken"],
            "expiry_time": expiry,
        }

    refreshable = botocore.credentials.RefreshableCredentials.create_from_metadata(
        metadata=fetch(), refresh_using=fetch, method="sts-assume-role"
    )
    core = botocore.session.get_session()
    core._credentials = refreshable  # botocore's documented-by-use way to hand a session refreshable creds
    core.set_config_variable("region", clients.default_region or "us-east-1")
    return clients.derived(boto3.session.Session(botocore_session=core))


class ForeignAccountError(WardenError):
    """An account that is not an active member of the organization: Warden never acts in it."""


class MemberClients:
    """Clients for the account an event or finding names: Warden's own, or an active member's through the
    member role `role_name` (assumed once per account and kept: its credentials refresh themselves)."""

    def __init__(self, clients: Clients, members: Members, role_name: str, *, session_name: str = "warden") -> None:
        self._clients = clients
        self._members = members
        self._role_name = role_name
        self._session_name = session_name
        self._assumed: dict[str, Clients] = {}
        self._lock = threading.Lock()

    def role_arn(self, account_id: str) -> str:
        return role_arn(self._clients.partition, account_id, self._role_name)

    def __call__(self, account_id: str) -> Clients:
        """Raises ForeignAccountError for an account outside the organization (or suspended)."""
        if account_id == self._clients.account_id:
            return self._clients
        if account_id not in self._members:
            raise ForeignAccountError(f"account {account_id} is not an active member of the organization")
        with self._lock:
            found = self._assumed.get(account_id)
            if found is None:
                found = assume(self._clients, self.role_arn(account_id), session_name=self._session_name)
                self._assumed[account_id] = found
            return found
