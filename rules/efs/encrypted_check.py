from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.efs._triggers import FILE_SYSTEM, FILE_SYSTEM_CREATED

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "KmsKeyId": {
            "type": "string",
            "default": "",
            "description": "When set, the file system must use this KMS key (Security Hub's EFS.1 leaves it unset).",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="efs-encrypted-check",
    title="EFS file systems encrypt file data at rest with AWS KMS",
    resource_types=(FILE_SYSTEM,),
    severity=Severity.MEDIUM,
    trigger=Trigger.PERIODIC,
    controls=("EFS.1",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=(FILE_SYSTEM_CREATED,),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `Encrypted` is true (with `KmsKeyId` when that parameter is set); NON_COMPLIANT when the
    file system is unencrypted or uses another key."""
    if item.configuration.get("Encrypted") is not True:
        return non_compliant("File system is not encrypted at rest; encryption can only be chosen at creation.")
    key = item.configuration.get("KmsKeyId")
    wanted = params["KmsKeyId"]
    if wanted and key != wanted:
        return non_compliant(f"File system is encrypted with {key}, not with the required key {wanted}.")
    return compliant(f"File system is encrypted with {key or 'a KMS key'}.")
