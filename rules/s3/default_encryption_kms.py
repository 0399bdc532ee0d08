from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3._triggers import BUCKET, bucket_events

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "kmsKeyArns": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "When set, the default key must be one of these KMS key ARNs.",
        }
    },
    "additionalProperties": False,
}
KMS_ALGORITHMS = frozenset({"aws:kms", "aws:kms:dsse"})


@rule(
    id="s3-default-encryption-kms",
    title="S3 buckets encrypt by default with AWS KMS keys",
    resource_types=(BUCKET,),
    severity=Severity.MEDIUM,
    controls=("S3.17",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("ServerSideEncryptionConfiguration",),
    cloudtrail=bucket_events("PutBucketEncryption", "DeleteBucketEncryption"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when default encryption is SSE-KMS or DSSE-KMS (with one of `kmsKeyArns` when that
    parameter is set); NON_COMPLIANT with SSE-S3 or no default encryption."""
    rules = as_list((item.supplementary.get("ServerSideEncryptionConfiguration") or {}).get("rules"))
    defaults = [r.get("applyServerSideEncryptionByDefault") or {} for r in rules]
    kms = [d for d in defaults if d.get("sseAlgorithm") in KMS_ALGORITHMS]
    if not kms:
        algorithm = defaults[0].get("sseAlgorithm") if defaults else "none"
        return non_compliant(f"Default encryption is {algorithm}: use SSE-KMS with a KMS key.")
    allowed = params["kmsKeyArns"]
    if allowed and not any(d.get("kmsMasterKeyID") in allowed for d in kms):
        return non_compliant("The default KMS key is not one of the allowed keys.")
    return compliant("Objects are encrypted by default with a KMS key.")
