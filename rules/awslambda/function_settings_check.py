from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.awslambda._triggers import CONFIGURATION_EVENTS, FUNCTION

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule

# Runtimes Lambda supports (not deprecated) under its runtime support policy when this release was cut;
# a runtime that reaches deprecation is dropped from this default, and the parameter overrides it.
SUPPORTED_RUNTIMES = [
    "dotnet8",
    "dotnet10",
    "java8.al2",
    "java11",
    "java17",
    "java21",
    "java25",
    "nodejs22.x",
    "nodejs24.x",
    "python3.11",
    "python3.12",
    "python3.13",
    "python3.14",
    "ruby3.4",
]
PARAMETERS = {
    "type": "object",
    "properties": {
        "runtime": {
            "type": "array",
            "items": {"type": "string"},
            "minItems": 1,
            "default": SUPPORTED_RUNTIMES,
            "description": "Runtime identifiers a function may use.",
        }
    },
    "additionalProperties": False,
}


@rule(
    id="lambda-function-settings-check",
    title="Lambda functions use supported runtimes",
    resource_types=(FUNCTION,),
    severity=Severity.MEDIUM,
    controls=("Lambda.2",),
    parameters=PARAMETERS,
    remediation="notify-only",
    cloudtrail=CONFIGURATION_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the function's runtime is one of `runtime`; NON_COMPLIANT when it is another;
    NOT_APPLICABLE for container images and OS-only (`provided*`) runtimes, which Security Hub skips."""
    runtime = item.configuration.get("runtime")
    if item.configuration.get("packageType") == "Image" or not runtime:
        return not_applicable("Function is a container image; its runtime is inside the image.")
    if str(runtime).startswith("provided"):
        return not_applicable(f"Function uses the OS-only runtime {runtime}; its language runtime is its own.")
    if runtime in params["runtime"]:
        return compliant(f"Runtime {runtime} is supported.")
    return non_compliant(f"Runtime {runtime} is deprecated or not allowed; move to a supported runtime.")
