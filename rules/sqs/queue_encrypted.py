from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.sqs._triggers import QUEUE, queue_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="sqs-queue-encrypted",
    title="SQS queues are encrypted at rest",
    resource_types=(QUEUE,),
    severity=Severity.MEDIUM,
    controls=("SQS.1",),
    remediation="sqs-enable-sse",
    attributes=("QueueAttributes",),
    cloudtrail=queue_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the queue uses SSE-KMS (`KmsMasterKeyId`) or SSE-SQS (`SqsManagedSseEnabled`);
    NON_COMPLIANT when it uses neither."""
    key = item.configuration.get("KmsMasterKeyId")
    if key:
        return compliant(f"Messages are encrypted with the KMS key {key} (SSE-KMS).")
    if str(item.configuration.get("SqsManagedSseEnabled", "")).lower() == "true":
        return compliant("Messages are encrypted with SQS-managed keys (SSE-SQS).")
    return non_compliant("Queue stores messages unencrypted; turn on SSE-SQS or set a KMS key (SSE-KMS).")
