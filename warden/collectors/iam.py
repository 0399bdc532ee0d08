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
ROLE = "AWS::IAM::Role"
GROUP = "AWS::IAM::Group"


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
    """Every access key with its status, creation and last use (one GetAccessKeyLastUsed per key), and the
    AccessKeys attribute from the same listing."""
    iam = clients.client("iam", item.region)
    keys = fetch_access_keys(clients, item)["supplementary"]["AccessKeys"]
    last_used = []
    for key in keys:
        used = iam.get_access_key_last_used(AccessKeyId=key["accessKeyId"]).get("AccessKeyLastUsed", {})
        last_used.append(
            {**key, "lastUsedDate": used["LastUsedDate"].isoformat() if used.get("LastUsedDate") else None}
        )
    return supplementary(AccessKeys=keys, AccessKeysLastUsed=last_used)


def fetch_user_tags(clients: Clients, item: ConfigurationItem) -> Patch:
    listed = clients.client("iam", item.region).list_user_tags(UserName=item.configuration["userName"])["Tags"]
    return tags({t["Key"]: t["Value"] for t in listed})


def _inline_policies(clients: Clients, region: str, kind: str, name: str) -> list[dict[str, Any]]:
    """A principal's inline policies as Config lists them (userPolicyList, rolePolicyList, groupPolicyList)."""
    iam = clients.client("iam", region)
    key = {"user": "UserName", "role": "RoleName", "group": "GroupName"}[kind]
    names = [
        policy
        for page in iam.get_paginator(f"list_{kind}_policies").paginate(**{key: name})
        for policy in page.get("PolicyNames", [])
    ]
    get = getattr(iam, f"get_{kind}_policy")
    return [{"policyName": n, "policyDocument": get(**{key: name, "PolicyName": n})["PolicyDocument"]} for n in names]


def fetch_user_policies(clients: Clients, item: ConfigurationItem) -> Patch:
    name = item.configuration["userName"]
    return configuration(userPolicyList=_inline_policies(clients, item.region, "user", name))


def _principal_item(
    resource_type: str, id_key: str, name_key: str, region: str, account_id: str, entity: dict[str, Any]
) -> ConfigurationItem:
    config = jsonable({k[:1].lower() + k[1:]: v for k, v in entity.items()})
    return ConfigurationItem(
        resource_type=resource_type,
        resource_id=entity[id_key],
        arn=entity["Arn"],
        region=region,
        account_id=account_id,
        configuration=config,
        resource_name=entity[name_key],
    )


def list_roles(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("iam", region).get_paginator("list_roles").paginate():
        for role in page.get("Roles", []):
            yield _principal_item(ROLE, "RoleId", "RoleName", region, account_id, role)


@not_found_is_none({"NoSuchEntity"})
def get_role(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the role name, the role id as Config records it, or the role ARN."""
    name = resource_id.rsplit("/", 1)[-1] if resource_id.startswith("arn:") else resource_id
    if name.startswith("AROA"):
        return next((i for i in list_roles(clients, region, account_id) if i.resource_id == name), None)
    role = clients.client("iam", region).get_role(RoleName=name)["Role"]
    return _principal_item(ROLE, "RoleId", "RoleName", region, account_id, role)


def fetch_role_policies(clients: Clients, item: ConfigurationItem) -> Patch:
    name = item.configuration["roleName"]
    return configuration(rolePolicyList=_inline_policies(clients, item.region, "role", name))


def list_groups(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("iam", region).get_paginator("list_groups").paginate():
        for group in page.get("Groups", []):
            yield _principal_item(GROUP, "GroupId", "GroupName", region, account_id, group)


@not_found_is_none({"NoSuchEntity"})
def get_group(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    """Resource id: the group name, the group id as Config records it, or the group ARN."""
    name = resource_id.rsplit("/", 1)[-1] if resource_id.startswith("arn:") else resource_id
    if name.startswith("AGPA"):
        return next((i for i in list_groups(clients, region, account_id) if i.resource_id == name), None)
    group = clients.client("iam", region).get_group(GroupName=name)["Group"]
    return _principal_item(GROUP, "GroupId", "GroupName", region, account_id, group)


def fetch_group_policies(clients: Clients, item: ConfigurationItem) -> Patch:
    name = item.configuration["groupName"]
    return configuration(groupPolicyList=_inline_policies(clients, item.region, "group", name))


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
            "LoginProfile": Attribute("LoginProfile", "iam:GetLoginProfile", fetch_login_profile),
            "MfaDevices": Attribute("MfaDevices", "iam:ListMFADevices", fetch_mfa_devices),
            "AccessKeysLastUsed": Attribute(
                "AccessKeysLastUsed", "iam:GetAccessKeyLastUsed", fetch_access_key_last_used, includes=("AccessKeys",)
            ),
            "UserPolicyList": Attribute(
                "UserPolicyList",
                "iam:GetUserPolicy",
                fetch_user_policies,
                recorded_at=("configuration", "userPolicyList"),
            ),
            "Tags": Attribute("Tags", "iam:ListUserTags", fetch_user_tags, recorded_at=("tags", "")),
        },
        is_global=True,
    ),
    Collector(
        ROLE,
        "iam:ListRoles",
        list_roles,
        get_role,
        {
            "RolePolicyList": Attribute(
                "RolePolicyList",
                "iam:GetRolePolicy",
                fetch_role_policies,
                recorded_at=("configuration", "rolePolicyList"),
            ),
        },
        is_global=True,
    ),
    Collector(
        GROUP,
        "iam:ListGroups",
        list_groups,
        get_group,
        {
            "GroupPolicyList": Attribute(
                "GroupPolicyList",
                "iam:GetGroupPolicy",
                fetch_group_policies,
                recorded_at=("configuration", "groupPolicyList"),
            ),
        },
        is_global=True,
    ),
)
