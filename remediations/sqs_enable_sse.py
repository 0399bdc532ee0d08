from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _set_sse(queue_url: str, enabled: bool) -> ApiCall:
    attributes = {"SqsManagedSseEnabled": "true" if enabled else "false"}
    return ApiCall("sqs", "set_queue_attributes", {"QueueUrl": queue_url, "Attributes": attributes})


def rollback(plan: Plan) -> list[ApiCall]:
    return [_set_sse(plan.resource_id, plan.before["SqsManagedSseEnabled"] == "true")]


@remediation(
    id="sqs-enable-sse",
    title="Encrypt the queue with SQS-managed keys (SSE-SQS)",
    fixes=("sqs-queue-encrypted",),
    permissions=("sqs:GetQueueAttributes", "sqs:SetQueueAttributes"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Sets SqsManagedSseEnabled=true and nothing else. SSE-SQS rather than the AWS managed KMS key
    (alias/aws/sqs): SNS and EventBridge cannot use that key, so SSE-KMS with it would stop their deliveries."""
    before = {
        "SqsManagedSseEnabled": str(item.configuration.get("SqsManagedSseEnabled", "false")).lower(),
        "KmsMasterKeyId": item.configuration.get("KmsMasterKeyId"),
    }
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    return Change((_set_sse(item.resource_id, True),), before, {**before, "SqsManagedSseEnabled": "true"})
