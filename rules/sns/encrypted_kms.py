from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.sns._triggers import TOPIC, topic_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "kmsKeyIds": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "Key ARNs, key ids, alias names or alias ARNs the topic must use; empty accepts any key.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="sns-encrypted-kms",
    title="SNS topics are encrypted at rest with AWS KMS (SNS.1, retired from FSBP in April 2024)",
    resource_types=(TOPIC,),
    severity=Severity.MEDIUM,
    controls=("SNS.1",),
    parameters=PARAMETERS,
    remediation="sns-encrypt-topic",
    attributes=("TopicAttributes",),
    cloudtrail=topic_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the topic has a `KmsMasterKeyId` (one of `kmsKeyIds` when given); NON_COMPLIANT
    otherwise. Security Hub retired SNS.1 from FSBP in April 2024; it remains in NIST SP 800-53 Rev. 5."""
    key = item.configuration.get("KmsMasterKeyId")
    if not key:
        return non_compliant("Topic is not encrypted with a KMS key; set KmsMasterKeyId (SSE).")
    allowed = params["kmsKeyIds"]
    if allowed and key not in allowed:
        return non_compliant(f"Topic uses {key}, which is not one of the allowed keys {', '.join(allowed)}.")
    return compliant(f"Topic is encrypted with {key}.")
