from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ACCOUNT_RESOURCE_TYPE, ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import CloudTrailTrigger, rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "CentralMonitoringAccount": {
            "type": "string",
            "pattern": "^([0-9]{12})?$",
            "default": "",
            "description": "When set, the detector must also report to this GuardDuty administrator account.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="guardduty-enabled-centralized",
    title="GuardDuty is enabled",
    resource_types=(ACCOUNT_RESOURCE_TYPE,),
    severity=Severity.HIGH,
    trigger=Trigger.PERIODIC,
    controls=("GuardDuty.1",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("GuardDutyDetectors",),
    cloudtrail=(
        CloudTrailTrigger(
            "guardduty.amazonaws.com",
            ("DeleteDetector", "UpdateDetector", "DisassociateFromAdministratorAccount"),
            ACCOUNT_RESOURCE_TYPE,
            "{recipientAccountId}",
        ),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the region has an enabled GuardDuty detector (reporting to `CentralMonitoringAccount` when
    that is set, unless this is that account); NON_COMPLIANT when there is none, it is suspended, or it reports
    elsewhere."""
    enabled = [d for d in item.supplementary.get("GuardDutyDetectors") or [] if d.get("status") == "ENABLED"]
    if not enabled:
        return non_compliant("GuardDuty is not enabled in this region: create (or resume) a detector.")
    central = params["CentralMonitoringAccount"]
    if central and central != item.account_id and enabled[0].get("administratorAccountId") != central:
        return non_compliant(f"GuardDuty is enabled but does not report to the administrator account {central}.")
    return compliant(f"GuardDuty detector {enabled[0].get('detectorId')} is enabled.")
