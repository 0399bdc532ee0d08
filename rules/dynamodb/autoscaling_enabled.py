from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.dynamodb._triggers import TABLE, table_events

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant
from warden.registry import CloudTrailTrigger, rule


def _capacity(description: str) -> dict[str, Any]:
    return {"type": ["integer", "null"], "minimum": 1, "maximum": 40000, "default": None, "description": description}


def _utilization(description: str) -> dict[str, Any]:
    return {"type": ["integer", "null"], "minimum": 20, "maximum": 90, "default": None, "description": description}


# Security Hub's parameters, none with a default: null means "any value".
PARAMETERS = {
    "type": "object",
    "properties": {
        "minProvisionedReadCapacity": _capacity("Lowest minimum read capacity auto scaling may use."),
        "maxProvisionedReadCapacity": _capacity("Highest maximum read capacity auto scaling may use."),
        "targetReadUtilization": _utilization("Target read utilization (percent) the scaling policy must use."),
        "minProvisionedWriteCapacity": _capacity("Lowest minimum write capacity auto scaling may use."),
        "maxProvisionedWriteCapacity": _capacity("Highest maximum write capacity auto scaling may use."),
        "targetWriteUtilization": _utilization("Target write utilization (percent) the scaling policy must use."),
    },
    "additionalProperties": False,
}
DIMENSIONS = {"Read": "ReadCapacityUnits", "Write": "WriteCapacityUnits"}


def _problems(resource: str, dimension: str, targets: list[dict[str, Any]], params: Mapping[str, Any]) -> list[str]:
    kind = "table" if "/index/" not in resource else "index"
    wanted = f"dynamodb:{kind}:{DIMENSIONS[dimension]}"
    target = next(
        (t for t in targets if t.get("resourceId") == resource and t.get("scalableDimension") == wanted), None
    )
    if target is None:
        return [f"{resource} has no {dimension.lower()} auto scaling"]
    problems = []
    low, high = params.get(f"minProvisioned{dimension}Capacity"), params.get(f"maxProvisioned{dimension}Capacity")
    if low is not None and target.get("minCapacity", 0) < low:
        problems.append(f"{resource} {dimension.lower()} minimum {target.get('minCapacity')} < {low}")
    if high is not None and target.get("maxCapacity", 0) > high:
        problems.append(f"{resource} {dimension.lower()} maximum {target.get('maxCapacity')} > {high}")
    utilization = params.get(f"target{dimension}Utilization")
    if utilization is not None:
        values = [
            (p.get("targetTrackingScalingPolicyConfiguration") or {}).get("targetValue")
            for p in as_list(target.get("policies"))
        ]
        if float(utilization) not in values:
            problems.append(f"{resource} {dimension.lower()} target utilization is not {utilization}%")
    return problems


@rule(
    id="dynamodb-autoscaling-enabled",
    title="DynamoDB tables scale capacity with demand",
    resource_types=(TABLE,),
    severity=Severity.MEDIUM,
    controls=("DynamoDB.1",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("AutoScaling",),
    cloudtrail=(
        *table_events(),
        # Auto scaling is registered against "table/<name>"; the basename is the table for the table's own targets.
        CloudTrailTrigger(
            "application-autoscaling.amazonaws.com",
            ("RegisterScalableTarget", "DeregisterScalableTarget", "PutScalingPolicy", "DeleteScalingPolicy"),
            TABLE,
            "{requestParameters.resourceId|basename}",
        ),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the table is on-demand, or provisioned with read and write auto scaling on the table and
    every global secondary index (within the capacity and utilization parameters when given); NON_COMPLIANT
    otherwise, naming each missing or out-of-bounds target."""
    mode = (item.configuration.get("billingModeSummary") or {}).get("billingMode", "PROVISIONED")
    if mode == "PAY_PER_REQUEST":
        return compliant("Table is on-demand (PAY_PER_REQUEST): capacity follows demand.")
    targets = as_list(item.supplementary.get("AutoScaling"))
    resources = [f"table/{item.resource_id}"] + [
        f"table/{item.resource_id}/index/{g.get('indexName')}"
        for g in as_list(item.configuration.get("globalSecondaryIndexes"))
    ]
    problems = [p for r in resources for d in DIMENSIONS for p in _problems(r, d, targets, params)]
    if problems:
        return non_compliant("Provisioned capacity does not follow demand: " + "; ".join(problems) + ".")
    return compliant("Provisioned read and write capacity is auto scaled on the table and its indexes.")
