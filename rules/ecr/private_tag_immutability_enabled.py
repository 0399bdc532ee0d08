from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecr._triggers import REPOSITORY, repository_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="ecr-private-tag-immutability-enabled",
    title="ECR private repositories have tag immutability configured",
    resource_types=(REPOSITORY,),
    severity=Severity.MEDIUM,
    controls=("ECR.2",),
    remediation="ecr-enable-tag-immutability",
    cloudtrail=repository_events("PutImageTagMutability"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when ImageTagMutability is IMMUTABLE (or IMMUTABLE_WITH_EXCLUSION); NON_COMPLIANT when
    tags are mutable, so a pushed tag can be overwritten with another image."""
    mutability = str(item.configuration.get("ImageTagMutability") or "MUTABLE")
    if mutability.startswith("IMMUTABLE"):
        return compliant(f"Image tags are immutable ({mutability}).")
    return non_compliant(f"Image tags are {mutability}: a tag can be overwritten; set tag immutability.")
