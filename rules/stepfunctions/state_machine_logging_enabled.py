from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import CloudTrailTrigger, rule

STATE_MACHINE = "AWS::StepFunctions::StateMachine"
SOURCE = "states.amazonaws.com"
# Levels from the most to the least that is logged.
LEVELS = ["ALL", "ERROR", "FATAL", "OFF"]
PARAMETERS = {
    "type": "object",
    "properties": {
        "logLevel": {
            "type": ["string", "null"],
            "enum": ["ALL", "ERROR", "FATAL", None],
            "default": None,
            "description": "Least logging level required; null accepts any level but OFF.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="step-functions-state-machine-logging-enabled",
    title="Step Functions state machines have logging turned on",
    resource_types=(STATE_MACHINE,),
    severity=Severity.MEDIUM,
    controls=("StepFunctions.1",),
    parameters=PARAMETERS,
    remediation="stepfunctions-enable-logging",
    attributes=("LoggingConfiguration",),
    cloudtrail=(
        CloudTrailTrigger(SOURCE, ("CreateStateMachine",), STATE_MACHINE, "{responseElements.stateMachineArn}"),
        CloudTrailTrigger(SOURCE, ("UpdateStateMachine",), STATE_MACHINE, "{requestParameters.stateMachineArn}"),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the logging level is not OFF (and logs at least `logLevel` when given); NON_COMPLIANT
    when logging is off or below `logLevel`."""
    level = str((item.configuration.get("LoggingConfiguration") or {}).get("Level") or "OFF")
    if level == "OFF":
        return non_compliant("Execution logging is OFF; send at least ERROR events to a CloudWatch Logs group.")
    wanted = params["logLevel"]
    if wanted and LEVELS.index(level) > LEVELS.index(wanted):
        return non_compliant(f"Execution logging is {level}, less than the required {wanted}.")
    return compliant(f"Execution logging is at level {level}.")
