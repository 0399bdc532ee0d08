from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.sns._triggers import TOPIC, topic_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.public_access import public_statements
from warden.registry import rule


@rule(
    id="sns-topic-no-public-access",
    title="SNS topic access policies do not allow public access",
    resource_types=(TOPIC,),
    severity=Severity.CRITICAL,
    controls=("SNS.4",),
    remediation="notify-only",
    attributes=("TopicAttributes",),
    cloudtrail=topic_events("AddPermission", "RemovePermission"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when no statement of the topic policy allows every principal; NON_COMPLIANT when an Allow
    for `*` is not pinned by a condition on fixed values (the default policy's AWS:SourceOwner is one)."""
    public = public_statements(item.configuration.get("Policy"))
    if not public:
        return compliant("Topic policy grants access only to named principals or fixed sources.")
    sids = ", ".join(str(s.get("Sid", "(no Sid)")) for s in public)
    return non_compliant(f"Topic policy allows anyone ({sids}); name the principals or add a fixed source condition.")
