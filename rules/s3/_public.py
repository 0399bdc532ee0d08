"""Who a bucket's ACL and policy open it to, after its Block Public Access settings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from warden.model import ConfigurationItem, as_list
from warden.policy import actions_cover, principal_is_everyone, statements

PUBLIC_GROUPS = frozenset({"AllUsers", "AuthenticatedUsers"})
READ_PERMISSIONS = frozenset({"Read", "FullControl"})
WRITE_PERMISSIONS = frozenset({"Write", "WriteAcp", "FullControl"})
READ_ACTIONS = ("s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions")
WRITE_ACTIONS = ("s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl", "s3:PutBucketAcl")


def block_settings(item: ConfigurationItem) -> Mapping[str, Any]:
    return item.supplementary.get("PublicAccessBlockConfiguration") or {}


def grants(item: ConfigurationItem) -> list[Mapping[str, Any]]:
    acl = item.supplementary.get("AccessControlList") or {}
    return [g for g in as_list(acl.get("grantList")) if isinstance(g, Mapping)]


def grantee_name(grantee: Any) -> str:
    """A group's name (`AllUsers`), whether Config wrote it as a name or as the group's URI."""
    if isinstance(grantee, Mapping):
        grantee = grantee.get("uri") or grantee.get("URI") or grantee.get("id") or grantee.get("emailAddress") or ""
    return str(grantee).rsplit("/", 1)[-1]


def public_grants(item: ConfigurationItem, permissions: Iterable[str]) -> list[str]:
    """ACL grants to everyone or to any AWS user, unless the bucket ignores public ACLs."""
    if block_settings(item).get("ignorePublicAcls"):
        return []
    wanted = set(permissions)
    return [
        f"{grantee_name(g.get('grantee'))}:{g.get('permission')}"
        for g in grants(item)
        if grantee_name(g.get("grantee")) in PUBLIC_GROUPS and g.get("permission") in wanted
    ]


def public_statements(item: ConfigurationItem, actions: Iterable[str]) -> list[str]:
    """Unconditional Allow statements for every principal, unless the bucket restricts public policies."""
    if block_settings(item).get("restrictPublicBuckets"):
        return []
    policy = (item.supplementary.get("BucketPolicy") or {}).get("policyText")
    found = []
    for index, statement in enumerate(statements(policy)):
        if statement.get("Effect") != "Allow" or statement.get("Condition") or "NotPrincipal" in statement:
            continue
        if principal_is_everyone(statement.get("Principal")) and any(
            actions_cover(statement.get("Action"), a) for a in actions
        ):
            found.append(str(statement.get("Sid") or f"statement {index + 1}"))
    return found
