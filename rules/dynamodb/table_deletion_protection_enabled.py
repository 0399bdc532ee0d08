from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.dynamodb._triggers import TABLE, table_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="dynamodb-table-deletion-protection-enabled",
    title="DynamoDB tables have deletion protection enabled",
    resource_types=(TABLE,),
    severity=Severity.MEDIUM,
    controls=("DynamoDB.6",),
    remediation="dynamodb-enable-deletion-protection",
    cloudtrail=table_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `deletionProtectionEnabled` is true; NON_COMPLIANT otherwise."""
    if item.configuration.get("deletionProtectionEnabled") is True:
        return compliant("Deletion protection is enabled.")
    return non_compliant("Deletion protection is off, so one DeleteTable call destroys the table; enable it.")
