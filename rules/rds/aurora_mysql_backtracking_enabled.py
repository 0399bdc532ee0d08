from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.rds._triggers import CLUSTER_EVENTS

from warden.collectors.rds import DB_CLUSTER
from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

# "aurora" is Aurora MySQL 5.6 (MySQL-compatible, like aurora-mysql); backtracking exists only for these.
ENGINES = frozenset({"aurora", "aurora-mysql"})
PARAMETERS = {
    "type": "object",
    "properties": {
        "backtrackWindowInHours": {
            "type": ["integer", "null"],
            "minimum": 1,
            "maximum": 72,
            "default": None,
            "description": "When set, the backtrack window must be at least this many hours (at most 72).",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="aurora-mysql-backtracking-enabled",
    title="Aurora MySQL clusters have backtracking enabled",
    resource_types=(DB_CLUSTER,),
    severity=Severity.MEDIUM,
    controls=("RDS.14",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=CLUSTER_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when an Aurora MySQL cluster's `backtrackWindow` (seconds) is above zero, and at least
    `backtrackWindowInHours` when that is set; NON_COMPLIANT otherwise; NOT_APPLICABLE to other engines."""
    engine = item.configuration.get("engine")
    if engine not in ENGINES:
        return not_applicable(f"Backtracking exists only for Aurora MySQL, not {engine}.")
    window = int(item.configuration.get("backtrackWindow") or 0)
    if not window:
        return non_compliant("Backtracking is off; it can only be set on a new cluster or a clone.")
    wanted = params["backtrackWindowInHours"]
    if wanted is not None and window < wanted * 3600:
        return non_compliant(f"The backtrack window is {window / 3600:g} h; at least {wanted:g} h is required.")
    return compliant(f"Backtracking is on with a {window / 3600:g} h window.")
