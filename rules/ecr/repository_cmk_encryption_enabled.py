from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecr._triggers import REPOSITORY, repository_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "kmsKeyArns": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "KMS key ARNs the repositories must use; empty accepts any customer managed key.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="ecr-repository-cmk-encryption-enabled",
    title="ECR repositories are encrypted with a customer managed KMS key",
    resource_types=(REPOSITORY,),
    severity=Severity.MEDIUM,
    controls=("ECR.5",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("EncryptionKeyManager",),
    cloudtrail=repository_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the repository uses KMS with a customer managed key (one of `kmsKeyArns` when given);
    NON_COMPLIANT when it uses AES256 or the AWS managed key aws/ecr."""
    encryption = item.configuration.get("EncryptionConfiguration") or {}
    if encryption.get("EncryptionType") not in ("KMS", "KMS_DSSE"):
        return non_compliant("Repository is encrypted with AES256, not a customer managed KMS key.")
    key = encryption.get("KmsKey")
    if item.supplementary.get("EncryptionKeyManager") != "CUSTOMER":
        return non_compliant("Repository uses the AWS managed key aws/ecr, not a customer managed KMS key.")
    if params["kmsKeyArns"] and key not in params["kmsKeyArns"]:
        return non_compliant(f"Repository key {key} is not one of the allowed kmsKeyArns.")
    return compliant(f"Repository is encrypted with customer managed key {key}.")
