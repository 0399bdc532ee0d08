from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.efs._triggers import ACCESS_POINT, ACCESS_POINT_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "approvedDirectories": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "When set, the enforced root directory must be one of these paths.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="efs-access-point-enforce-root-directory",
    title="EFS access points enforce a root directory",
    resource_types=(ACCESS_POINT,),
    severity=Severity.MEDIUM,
    controls=("EFS.3",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=ACCESS_POINT_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the access point's root directory is a path other than `/` (one of `approvedDirectories`
    when given); NON_COMPLIANT when clients reach the file system's root."""
    path = (item.configuration.get("RootDirectory") or {}).get("Path") or "/"
    if path.rstrip("/") == "":
        return non_compliant("Access point exposes the file system's root directory: enforce an application path.")
    approved = params["approvedDirectories"]
    if approved and path not in approved:
        return non_compliant(f"Access point enforces {path}, which is not one of {', '.join(approved)}.")
    return compliant(f"Access point enforces the root directory {path}.")
