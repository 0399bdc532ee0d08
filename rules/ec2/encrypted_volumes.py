from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import VOLUME, VOLUME_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="encrypted-volumes",
    title="Attached EBS volumes are encrypted at rest",
    resource_types=(VOLUME,),
    severity=Severity.MEDIUM,
    controls=("EC2.3",),
    remediation="notify-only",
    cloudtrail=VOLUME_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when an attached (in-use) volume is encrypted; NON_COMPLIANT when it is not; NOT_APPLICABLE
    to volumes that are not attached."""
    attached = item.configuration.get("state") == "in-use" or bool(as_list(item.configuration.get("attachments")))
    if not attached:
        return not_applicable("Volume is not attached to an instance.")
    if item.configuration.get("encrypted"):
        return compliant("Attached volume is encrypted.")
    return non_compliant("Attached volume is not encrypted; replace it with an encrypted copy of its snapshot.")
