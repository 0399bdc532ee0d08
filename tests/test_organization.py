"""Organization accounts and member-account clients, on moto's multi-account support."""

import pytest
from moto import mock_aws

from warden.aws import Clients
from warden.organization import Members, assume, list_accounts, role_arn


@pytest.fixture
def organization():
    with mock_aws():
        clients = Clients()
        org = clients.client("organizations")
        org.create_organization(FeatureSet="ALL")
        created = org.create_account(AccountName="member", Email="member@example.com")
        yield clients, created["CreateAccountStatus"]["AccountId"]


def test_assumed_clients_act_in_the_member_account(organization):
    clients, member = organization
    assumed = assume(clients, role_arn("aws", member, "WardenRead"), external_id="warden-external-id")
    assumed.client("s3", "us-east-1").create_bucket(Bucket="in-member")

    assert assumed.account_id == member != clients.account_id
    assert clients.client("s3").list_buckets()["Buckets"] == []


def test_members_are_the_active_accounts_read_once_per_ttl(organization):
    clients, member = organization
    now = [0.0]
    members = Members(clients, ttl=60, clock=lambda: now[0])

    assert member in members and clients.account_id in members
    assert "999999999999" not in members
    calls = clients.calls["organizations:ListAccounts"]
    now[0] = 30
    assert member in members
    assert clients.calls["organizations:ListAccounts"] == calls
    now[0] = 100
    assert member in members
    assert clients.calls["organizations:ListAccounts"] == calls + 1
    assert {a.account_id for a in list_accounts(clients)} == {member, clients.account_id}
