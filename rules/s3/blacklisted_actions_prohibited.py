from __future__ import annotations

from collections.abc import Mapping
from fnmatch import fnmatchcase
from typing import Any

from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant
from warden.policy import principal_is_everyone, statements
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "blacklistedActionPatterns": {
            "type": "array",
            "items": {"type": "string"},
            "default": [
                "s3:DeleteBucketPolicy",
                "s3:PutBucketAcl",
                "s3:PutBucketPolicy",
                "s3:PutEncryptionConfiguration",
                "s3:PutObjectAcl",
            ],
            "description": "Actions other accounts must not be allowed (wildcards allowed).",
        }
    },
    "additionalProperties": False,
}


def _accounts(principal: Any) -> list[str]:
    """The accounts an AWS principal names (`*` for everyone); service principals name none."""
    if principal_is_everyone(principal):
        return ["*"]
    names = as_list(principal.get("AWS")) if isinstance(principal, Mapping) else []
    return [str(n).split(":")[4] if str(n).startswith("arn:") else str(n) for n in names]


def _overlaps(granted: Any, patterns: list[str]) -> list[str]:
    """Blocked patterns that a granted action pattern covers, or that cover it."""
    hits = []
    for action in as_list(granted):
        for pattern in patterns:
            a, p = str(action).lower(), pattern.lower()
            if fnmatchcase(p, a) or fnmatchcase(a, p):
                hits.append(pattern)
    return hits


@rule(
    id="s3-bucket-blacklisted-actions-prohibited",
    title="S3 bucket policies do not grant other AWS accounts blocked bucket or object actions",
    resource_types=(BUCKET,),
    severity=Severity.HIGH,
    controls=("S3.6",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("BucketPolicy",),
    cloudtrail=bucket_events("PutBucketPolicy", "DeleteBucketPolicy"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when no Allow statement grants a principal outside this account (or everyone) an action
    matching `blacklistedActionPatterns`; NON_COMPLIANT naming the account and actions. A bucket without a
    policy is COMPLIANT."""
    policy = (item.supplementary.get("BucketPolicy") or {}).get("policyText")
    problems = []
    for statement in statements(policy):
        if statement.get("Effect") != "Allow":
            continue
        foreign = [a for a in _accounts(statement.get("Principal")) if a != item.account_id]
        hits = _overlaps(statement.get("Action"), list(params["blacklistedActionPatterns"]))
        if foreign and hits:
            problems.append(f"{', '.join(foreign)} may {', '.join(sorted(set(hits)))}")
    if problems:
        return non_compliant(f"Bucket policy grants other accounts blocked actions: {'; '.join(problems)}.")
    return compliant("No other account is granted a blocked action.")
