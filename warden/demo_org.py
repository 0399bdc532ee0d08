"""`make demo`'s organization step: a second account joins moto's organization, each account gets the read
role the member template creates, and one `warden scan --organization` run covers both."""

from __future__ import annotations

import json
from typing import TextIO

from warden.aws import Clients
from warden.demo_account import seed
from warden.org_scan import OrganizationScanner
from warden.organization import DEFAULT_ROLE_NAME, assume, role_arn
from warden.registry import load_rules

# A few controls across services, so the per-account summary stays short: S3, API Gateway (paced), EC2.
DEMO_CONTROLS = ("S3.5", "S3.14", "APIGateway.1", "EC2.19")
MEMBER_NAME = "workloads"


def _create_read_role(clients: Clients, account_id: str, trusted_account: str) -> None:
    """The member template's read role in `account_id`, trusting the central account (moto does not check
    trust, but the demo makes what a deployment makes)."""
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{trusted_account}:root"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    # The organization's own bootstrap role (OrganizationAccountAccessRole) is how the role gets there.
    bootstrap = assume(clients, role_arn(clients.partition, account_id, "OrganizationAccountAccessRole"))
    bootstrap.client("iam").create_role(RoleName=DEFAULT_ROLE_NAME, AssumeRolePolicyDocument=json.dumps(trust))


def run(out: TextIO, region: str) -> None:
    """Within the demo's moto: create the organization and its second account, scan both, print a summary."""
    clients = Clients()
    central = clients.account_id
    organizations = clients.client("organizations")
    organizations.create_organization(FeatureSet="ALL")
    created = organizations.create_account(AccountName=MEMBER_NAME, Email="workloads@example.com")
    member = created["CreateAccountStatus"]["AccountId"]
    for account_id in (central, member):
        _create_read_role(clients, account_id, central)
    seed(assume(clients, role_arn(clients.partition, member, DEFAULT_ROLE_NAME)), region, prefix=MEMBER_NAME)

    rules = load_rules().select([], list(DEMO_CONTROLS))
    result = OrganizationScanner(clients).run(rules, [region]).to_dict()
    out.write(
        f"\n9. Organization: account {member} ({MEMBER_NAME}) joins; one run scans every account through its "
        f"{DEFAULT_ROLE_NAME}\n   (warden scan --organization --region {region} "
        + " ".join(f"--control {c}" for c in DEMO_CONTROLS)
        + ")\n"
    )
    out.write(f"   {'ACCOUNT':14} {'NAME':12} {'STATUS':8} {'EVALUATIONS':>11} {'NON-COMPLIANT':>13} {'ERRORS':>6}\n")
    for account in result["accounts"]:
        account_id = account["account_id"]
        evaluations = [e for e in result["evaluations"] if e["account_id"] == account_id]
        failing = sum(1 for e in evaluations if e["compliance"] == "NON_COMPLIANT")
        errors = sum(1 for e in result["errors"] if e.get("account_id") == account_id)
        out.write(
            f"   {account_id:14} {account['name'][:12]:12} {account['status']:8} {len(evaluations):>11} "
            f"{failing:>13} {errors:>6}\n"
        )
