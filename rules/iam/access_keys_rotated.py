from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from warden.model import (
    ConfigurationItem,
    Severity,
    Trigger,
    Verdict,
    as_list,
    compliant,
    non_compliant,
    not_applicable,
)
from warden.registry import CloudTrailTrigger, rule

USER = "AWS::IAM::User"
PARAMETERS = {
    "type": "object",
    "properties": {
        "maxAccessKeyAge": {
            "type": "integer",
            "minimum": 0,
            "maximum": 3650,
            "default": 90,
            "description": "Days an active access key may live before it must be rotated.",
        }
    },
    "additionalProperties": False,
}


def _created(value: str) -> dt.datetime:
    created = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return created if created.tzinfo else created.replace(tzinfo=dt.UTC)


@rule(
    id="access-keys-rotated",
    title="Active IAM user access keys are rotated within the allowed age",
    resource_types=(USER,),
    severity=Severity.MEDIUM,
    controls=("IAM.3",),
    trigger=Trigger.BOTH,
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("AccessKeys",),
    cloudtrail=(
        CloudTrailTrigger(
            "iam.amazonaws.com", ("CreateAccessKey", "UpdateAccessKey"), USER, "{requestParameters.userName}"
        ),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every active key is younger than maxAccessKeyAge days; NON_COMPLIANT when one is
    older; NOT_APPLICABLE when the user has no active access key."""
    active = [k for k in as_list(item.supplementary.get("AccessKeys")) if k.get("status") == "Active"]
    if not active:
        return not_applicable("User has no active access keys.")
    limit = dt.timedelta(days=params["maxAccessKeyAge"])
    now = dt.datetime.now(dt.UTC)
    stale = [k for k in active if now - _created(k["createDate"]) > limit]
    if stale:
        oldest = max((now - _created(k["createDate"])).days for k in stale)
        ids = ", ".join(k["accessKeyId"] for k in stale)
        return non_compliant(
            f"Active key(s) {ids} older than {params['maxAccessKeyAge']} days (oldest {oldest} days); rotate them."
        )
    return compliant(f"All {len(active)} active key(s) are younger than {params['maxAccessKeyAge']} days.")
