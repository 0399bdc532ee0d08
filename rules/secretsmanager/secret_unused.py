from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from warden.rules.secretsmanager._secrets import SECRET, days_since, secret_events

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "unusedForDays": {
            "type": "integer",
            "minimum": 1,
            "maximum": 3650,
            "default": 90,
            "description": "Days without access after which a secret counts as unused.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="secretsmanager-secret-unused",
    title="Secrets Manager secrets are used within the allowed number of days",
    resource_types=(SECRET,),
    severity=Severity.MEDIUM,
    trigger=Trigger.PERIODIC,
    controls=("SecretsManager.3",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=secret_events("RestoreSecret"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the secret was accessed (or, never accessed, created) within unusedForDays days;
    NON_COMPLIANT otherwise."""
    now = dt.datetime.now(dt.UTC)
    accessed = days_since(item.configuration.get("LastAccessedDate"), now)
    idle = accessed if accessed is not None else days_since(item.configuration.get("CreatedDate"), now)
    limit = params["unusedForDays"]
    if idle is not None and idle > limit:
        never = " and was never accessed" if accessed is None else ""
        return non_compliant(f"Secret has been idle {idle} days{never} (limit {limit}); delete it if unneeded.")
    return compliant(f"Secret was used within {limit} days.")
