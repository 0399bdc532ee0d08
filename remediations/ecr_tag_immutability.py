from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _mutability(repository: str, value: str) -> ApiCall:
    return ApiCall("ecr", "put_image_tag_mutability", {"repositoryName": repository, "imageTagMutability": value})


def rollback(plan: Plan) -> list[ApiCall]:
    return [_mutability(plan.resource_id, plan.before["imageTagMutability"])]


@remediation(
    id="ecr-enable-tag-immutability",
    title="Make the ECR repository's image tags immutable",
    fixes=("ecr-private-tag-immutability-enabled",),
    permissions=("ecr:DescribeRepositories", "ecr:PutImageTagMutability"),
    reversible=True,
    # A pipeline that re-pushes a moving tag such as `latest` fails afterwards.
    risk=Risk.HIGH,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls PutImageTagMutability with IMMUTABLE; existing images and tags stay, a push that reuses a tag
    is refused from then on."""
    current = str(item.configuration.get("ImageTagMutability") or "MUTABLE")
    before = {"imageTagMutability": current}
    if current.startswith("IMMUTABLE"):
        return Change((), before, before)
    return Change((_mutability(item.resource_id, "IMMUTABLE"),), before, {"imageTagMutability": "IMMUTABLE"})
