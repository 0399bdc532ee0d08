from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecr._triggers import REPOSITORY, repository_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="ecr-private-lifecycle-policy-configured",
    title="ECR private repositories have at least one lifecycle policy",
    resource_types=(REPOSITORY,),
    severity=Severity.MEDIUM,
    controls=("ECR.3",),
    remediation="notify-only",
    attributes=("LifecyclePolicy",),
    cloudtrail=repository_events("PutLifecyclePolicy", "DeleteLifecyclePolicy"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the repository has a lifecycle policy; NON_COMPLIANT when it has none."""
    policy = item.configuration.get("LifecyclePolicy") or {}
    if policy.get("LifecyclePolicyText"):
        return compliant("Repository has a lifecycle policy.")
    return non_compliant("Repository has no lifecycle policy; old and untagged images accumulate.")
