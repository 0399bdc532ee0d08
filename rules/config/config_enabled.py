from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import CloudTrailTrigger, rule

RECORDER = "AWS::Config::ConfigurationRecorder"
SOURCE = "config.amazonaws.com"
SERVICE_LINKED_ROLE = "aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
PARAMETERS = {
    "type": "object",
    "properties": {
        "includeConfigServiceLinkedRoleCheck": {
            "type": "boolean",
            "default": True,
            "description": "Also require the recorder to use the AWSServiceRoleForConfig service-linked role.",
        }
    },
    "additionalProperties": False,
}


def _records_all_resources(recorder: Mapping[str, Any]) -> bool:
    group = recorder.get("recordingGroup") or {}
    strategy = (group.get("recordingStrategy") or {}).get("useOnly")
    # An inclusion list records only the types it names; exclusion strategies record everything else.
    return bool(group.get("allSupported", True)) or strategy in (
        "ALL_SUPPORTED_RESOURCE_TYPES",
        "EXCLUSION_BY_RESOURCE_TYPES",
    )


@rule(
    id="config-enabled",
    title="AWS Config is enabled and records with its service-linked role",
    resource_types=(RECORDER,),
    severity=Severity.CRITICAL,
    controls=("Config.1",),
    trigger=Trigger.PERIODIC,
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=(
        CloudTrailTrigger(
            SOURCE, ("PutConfigurationRecorder",), RECORDER, "{requestParameters.configurationRecorder.name}"
        ),
        CloudTrailTrigger(
            SOURCE,
            ("DeleteConfigurationRecorder", "StartConfigurationRecorder", "StopConfigurationRecorder"),
            RECORDER,
            "{requestParameters.configurationRecorderName}",
        ),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the Region's configuration recorder is recording every supported resource type (or all
    but excluded ones) and, unless `includeConfigServiceLinkedRoleCheck` is false, uses the service-linked
    role; NON_COMPLIANT when there is no recorder or it falls short. Security Hub has no Config managed rule
    behind Config.1; `config-enabled` is Warden's id for it."""
    recorder = item.configuration
    if not recorder.get("recorderExists", True):
        return non_compliant(f"AWS Config has no configuration recorder in {item.region}; set one up and start it.")
    problems = []
    if not recorder.get("recording"):
        problems.append("it is stopped")
    if not _records_all_resources(recorder):
        problems.append("it records only listed resource types")
    role = str(recorder.get("roleARN") or "")
    if params["includeConfigServiceLinkedRoleCheck"] and not role.endswith(SERVICE_LINKED_ROLE):
        problems.append(f"it uses {role or 'no role'}, not the service-linked role")
    if problems:
        return non_compliant(
            f"Recorder {item.resource_id} does not record the Region fully: " + "; ".join(problems) + "."
        )
    return compliant(f"AWS Config records all resources in {item.region} with the service-linked role.")
