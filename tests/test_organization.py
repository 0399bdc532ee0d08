"""Organization accounts and member-account clients, on moto's multi-account support."""

import pytest
from moto import mock_aws

from warden.aws import Clients
from warden.organization import ForeignAccountError, MemberClients, Members, assume, list_accounts, role_arn


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


def test_member_clients_act_in_members_assume_once_and_refuse_outsiders(organization):
    clients, member = organization
    assumed = []
    clients.client("sts").meta.events.register(
        "before-parameter-build.sts.AssumeRole", lambda params, **_: assumed.append(params["RoleArn"])
    )
    member_clients = MemberClients(clients, Members(clients), "warden-member-read")

    assert member_clients(clients.account_id) is clients
    assert member_clients(member) is member_clients(member)
    assert member_clients(member).account_id == member
    assert assumed == [role_arn("aws", member, "warden-member-read")]
    with pytest.raises(ForeignAccountError, match="999999999999 is not an active member"):
        member_clients("999999999999")
    assert len(assumed) == 1
