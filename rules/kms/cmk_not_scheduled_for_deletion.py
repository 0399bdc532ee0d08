from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.kms._triggers import KEY, key_events

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "kmsKeyIds": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "Customer managed key ids to check; empty checks every key.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="kms-cmk-not-scheduled-for-deletion",
    title="KMS keys are not scheduled for deletion",
    resource_types=(KEY,),
    severity=Severity.CRITICAL,
    trigger=Trigger.BOTH,
    controls=("KMS.3",),
    parameters=PARAMETERS,
    remediation="kms-cancel-key-deletion",
    cloudtrail=key_events("ScheduleKeyDeletion", "CancelKeyDeletion"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the key is not pending deletion; NON_COMPLIANT when it is scheduled for deletion;
    NOT_APPLICABLE for keys outside `kmsKeyIds` when that list is given."""
    if params["kmsKeyIds"] and not {item.resource_id, item.arn} & set(params["kmsKeyIds"]):
        return not_applicable("Key is not one of the kmsKeyIds this rule checks.")
    state = item.configuration.get("keyState")
    if state in ("PendingDeletion", "PendingReplicaDeletion"):
        when = item.configuration.get("deletionDate")
        return non_compliant(
            f"Key is scheduled for deletion{f' on {when}' if when else ''}; data encrypted under it becomes "
            "unrecoverable. Cancel the deletion unless every use is retired."
        )
    return compliant(f"Key is not scheduled for deletion (state {state}).")
