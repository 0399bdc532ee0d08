from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.sqs._triggers import QUEUE, queue_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.public_access import public_statements
from warden.registry import rule


@rule(
    id="sqs-queue-no-public-access",
    title="SQS queue access policies do not allow public access",
    resource_types=(QUEUE,),
    severity=Severity.HIGH,
    controls=("SQS.3",),
    remediation="notify-only",
    attributes=("QueueAttributes",),
    cloudtrail=queue_events("AddPermission", "RemovePermission"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the queue has no policy or no statement allows every principal; NON_COMPLIANT when an
    Allow for `*` is not pinned by a condition on fixed values (source account, ARN, organisation, VPC)."""
    public = public_statements(item.configuration.get("Policy"))
    if not public:
        return compliant("Queue policy grants access only to named principals or fixed sources.")
    sids = ", ".join(str(s.get("Sid", "(no Sid)")) for s in public)
    return non_compliant(f"Queue policy allows anyone ({sids}); name the principals or add a fixed source condition.")
