from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import INSTANCE, INSTANCE_METADATA_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="ec2-imdsv2-check",
    title="EC2 instances require Instance Metadata Service Version 2",
    resource_types=(INSTANCE,),
    severity=Severity.HIGH,
    controls=("EC2.8",),
    remediation="notify-only",
    cloudtrail=INSTANCE_METADATA_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when `metadataOptions.httpTokens` is `required`; NON_COMPLIANT when it is `optional`."""
    tokens = (item.configuration.get("metadataOptions") or {}).get("httpTokens")
    if tokens == "required":
        return compliant("Instance metadata requires IMDSv2 session tokens.")
    return non_compliant(f"Instance metadata HttpTokens is {tokens or 'optional'}; require IMDSv2 tokens.")
