"""IAM customer-managed policies and users (global: read once per scan)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.base import (
    Attribute,
    Collector,
    Patch,
    absent_on,
    configuration,
    jsonable,
    not_found_is_none,
    supplementary,
    tags,
)
from warden.model import ConfigurationItem

POLICY = "AWS::IAM::Policy"
USER = "AWS::IAM::User"


def _policy_item(region: str, account_id: str, policy: dict[str, Any]) -> ConfigurationItem:
    config = jsonable({k[:1].lower() + k[1:]: v for k, v in policy.items()})
    return ConfigurationItem(
        resource_type=POLICY,
        resource_id=policy["PolicyId"],
        arn=policy["Arn"],
        region=region,
        account_id=account_id,
        configuration=config,
        resource_name=policy["PolicyName"],
    )


def list_policies(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    paginator = clients.client("iam", region).get_paginator("list_policies")
    for page in paginator.paginate(Scope="Local"):
        for policy in page.get("Policies", []):
            yield _policy_item(region, account_id, policy)


@not_found_is_none({"NoSuchEntity"})
def get_policy(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the policy id as Config records it, or the policy ARN."""
    iam = clients.client("iam", region)
    if resource_id.startswith("arn:"):
        return _policy_item(region, account_id, iam.get_policy(PolicyArn=resource_id)["Policy"])
    for item in list_policies(clients, region, account_id):
        if item.resource_id == resource_id:
            return item
    return None


def fetch_default_version(clients: Clients, item: ConfigurationItem) -> Patch:
    version_id = item.configuration["defaultVersionId"]
    version = clients.client("iam", item.region).get_policy_version(PolicyArn=item.arn, VersionId=version_id)
    return configuration(
        policyVersionList=[
            {"document": version["PolicyVersion"]["Document"], "versionId": version_id, "isDefaultVersion": True}
        ]
    )


def fetch_policy_tags(clients: Clients, item: ConfigurationItem) -> Patch:
    listed = clients.client("iam", item.region).list_policy_tags(PolicyArn=item.arn)["Tags"]
    return tags({t["Key"]: t["Value"] for t in listed})


def _user_item(region: str, account_id: str, user: dict[str, Any]) -> ConfigurationItem:
    config = jsonable({k[:1].lower() + k[1:]: v for k, v in user.items()})
    return ConfigurationItem(
        resource_type=USER,
        resource_id=user["UserId"],
        arn=user["Arn"],
        region=region,
        account_id=account_id,
        configuration=config,
        resource_name=user["UserName"],
    )


def list_users(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    paginator = clients.client("iam", region).get_paginator("list_users")
    for page in paginator.paginate():
        for user in page.get("Users", []):
            yield _user_item(region, account_id, user)


@not_found_is_none({"NoSuchEntity"})
def get_user(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the user name, the user id as Config records it, or the user ARN."""
    name = resource_id.rsplit("/", 1)[-1] if resource_id.startswith("arn:") else resource_id
    if name.startswith("AIDA"):
        return next((i for i in list_users(clients, region, account_id) if i.resource_id == name), None)
    return _user_item(region, account_id, clients.client("iam", region).get_user(UserName=name)["User"])


def fetch_access_keys(clients: Clients, item: ConfigurationItem) -> Patch:
    paginator = clients.client("iam", item.region).get_paginator("list_access_keys")
    keys = [
        {"accessKeyId": k["AccessKeyId"], "status": k["Status"], "createDate": k["CreateDate"].isoformat()}
        for page in paginator.paginate(UserName=item.configuration["userName"])
        for k in page.get("AccessKeyMetadata", [])
    ]
    return supplementary(AccessKeys=keys)


def fetch_attached_policies(clients: Clients, item: ConfigurationItem) -> Patch:
    paginator = clients.client("iam", item.region).get_paginator("list_attached_user_policies")
    attached = [
        {"policyName": p["PolicyName"], "policyArn": p["PolicyArn"]}
        for page in paginator.paginate(UserName=item.configuration["userName"])
        for p in page.get("AttachedPolicies", [])
    ]
    return configuration(attachedManagedPolicies=attached)


def fetch_inline_policies(clients: Clients, item: ConfigurationItem) -> Patch:
    """Inline policy names only: Config records their documents too, but no rule here reads them."""
    paginator = clients.client("iam", item.region).get_paginator("list_user_policies")
    names = [n for page in paginator.paginate(UserName=item.configuration["userName"]) for n in page["PolicyNames"]]
    return configuration(userPolicyList=[{"policyName": n} for n in names])


@absent_on({"NoSuchEntity"}, default=supplementary(LoginProfile=None))
def fetch_login_profile(clients: Clients, item: ConfigurationItem) -> Patch:
    profile = clients.client("iam", item.region).get_login_profile(UserName=item.configuration["userName"])
    return supplementary(LoginProfile={"createDate": profile["LoginProfile"]["CreateDate"].isoformat()})


def fetch_mfa_devices(clients: Clients, item: ConfigurationItem) -> Patch:
    paginator = clients.client("iam", item.region).get_paginator("list_mfa_devices")
    serials = [
        d["SerialNumber"]
        for page in paginator.paginate(UserName=item.configuration["userName"])
        for d in page.get("MFADevices", [])
    ]
    return supplementary(MfaDevices=serials)


def fetch_access_key_last_used(clients: Clients, item: ConfigurationItem) -> Patch:
    """Every access key with its status, creation and last use (one GetAccessKeyLastUsed per key)."""
    iam = clients.client("iam", item.region)
    keys = fetch_access_keys(clients, item)["supplementary"]["AccessKeys"]
    for key in keys:
        used = iam.get_access_key_last_used(AccessKeyId=key["accessKeyId"]).get("AccessKeyLastUsed", {})
        key["lastUsedDate"] = used["LastUsedDate"].isoformat() if used.get("LastUsedDate") else None
    return supplementary(AccessKeysLastUsed=keys)


def fetch_user_tags(clients: Clients, item: ConfigurationItem) -> Patch:
    listed = clients.client("iam", item.region).list_user_tags(UserName=item.configuration["userName"])["Tags"]
    return tags({t["Key"]: t["Value"] for t in listed})


COLLECTORS = (
    Collector(
        POLICY,
        "iam:ListPolicies",
        list_policies,
        get_policy,
        {
            "DefaultPolicyVersion": Attribute(
                "DefaultPolicyVersion",
                "iam:GetPolicyVersion",
                fetch_default_version,
                recorded_at=("configuration", "policyVersionList"),
            ),
            "Tags": Attribute("Tags", "iam:ListPolicyTags", fetch_policy_tags, recorded_at=("tags", "")),
        },
        is_global=True,
    ),
    Collector(
        USER,
        "iam:ListUsers",
        list_users,
        get_user,
        {
            "AccessKeys": Attribute("AccessKeys", "iam:ListAccessKeys", fetch_access_keys),
            "AttachedManagedPolicies": Attribute(
                "AttachedManagedPolicies",
                "iam:ListAttachedUserPolicies",
                fetch_attached_policies,
                recorded_at=("configuration", "attachedManagedPolicies"),
            ),
            "UserPolicyList": Attribute(
                "UserPolicyList",
                "iam:ListUserPolicies",
                fetch_inline_policies,
                recorded_at=("configuration", "userPolicyList"),
            ),
            "LoginProfile": Attribute("LoginProfile", "iam:GetLoginProfile", fetch_login_profile),
            "MfaDevices": Attribute("MfaDevices", "iam:ListMFADevices", fetch_mfa_devices),
            "AccessKeysLastUsed": Attribute(
                "AccessKeysLastUsed", "iam:GetAccessKeyLastUsed", fetch_access_key_last_used
            ),
            "Tags": Attribute("Tags", "iam:ListUserTags", fetch_user_tags, recorded_at=("tags", "")),
        },
        is_global=True,
    ),
)
