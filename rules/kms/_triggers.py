"""CloudTrail events that change a KMS key, shared by the key rules."""

from __future__ import annotations

from warden.registry import CloudTrailTrigger

KEY = "AWS::KMS::Key"


def key_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    # CreateKey names the key only in its response; every other call names it in keyId (id, ARN or alias ARN).
    return (
        CloudTrailTrigger("kms.amazonaws.com", ("CreateKey",), KEY, "{responseElements.keyMetadata.keyId}"),
        CloudTrailTrigger("kms.amazonaws.com", names, KEY, "{requestParameters.keyId}"),
    )
