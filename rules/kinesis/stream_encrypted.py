from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import CloudTrailTrigger, rule

STREAM = "AWS::Kinesis::Stream"
SOURCE = "kinesis.amazonaws.com"


@rule(
    id="kinesis-stream-encrypted",
    title="Kinesis data streams are encrypted at rest",
    resource_types=(STREAM,),
    severity=Severity.MEDIUM,
    controls=("Kinesis.1",),
    remediation="kinesis-start-stream-encryption",
    attributes=("StreamEncryption",),
    cloudtrail=(
        CloudTrailTrigger(SOURCE, ("CreateStream", "StopStreamEncryption"), STREAM, "{requestParameters.streamName}"),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the stream's server-side encryption type is KMS; NON_COMPLIANT when it is NONE."""
    encryption = item.configuration.get("StreamEncryption") or {}
    if str(encryption.get("EncryptionType", "NONE")).upper() != "KMS":
        return non_compliant("Stream is not encrypted at rest: start server-side encryption with a KMS key.")
    return compliant(f"Stream is encrypted with {encryption.get('KeyId') or 'a KMS key'}.")
