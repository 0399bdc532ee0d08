from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.efs._triggers import ACCESS_POINT, ACCESS_POINT_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "approvedUids": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "When set, the enforced POSIX user id must be one of these.",
        },
        "approvedGids": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "When set, the enforced POSIX group id must be one of these.",
        },
    },
    "additionalProperties": False,
}


@rule(
    id="efs-access-point-enforce-user-identity",
    title="EFS access points enforce a user identity",
    resource_types=(ACCESS_POINT,),
    severity=Severity.MEDIUM,
    controls=("EFS.4",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=ACCESS_POINT_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the access point enforces a POSIX user (its uid and gid among `approvedUids` and
    `approvedGids` when given); NON_COMPLIANT when clients act as whatever identity they claim."""
    user = item.configuration.get("PosixUser") or {}
    uid, gid = user.get("Uid"), user.get("Gid")
    if uid is None:
        return non_compliant("Access point enforces no POSIX user: NFS clients act as the identity they claim.")
    if params["approvedUids"] and str(uid) not in params["approvedUids"]:
        return non_compliant(f"Access point enforces uid {uid}, which is not an approved uid.")
    if params["approvedGids"] and str(gid) not in params["approvedGids"]:
        return non_compliant(f"Access point enforces gid {gid}, which is not an approved gid.")
    return compliant(f"Access point enforces uid {uid}, gid {gid}.")
