from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import account_events

from warden.model import ACCOUNT_RESOURCE_TYPE, ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="ec2-ebs-encryption-by-default",
    title="EBS encryption by default is on",
    resource_types=(ACCOUNT_RESOURCE_TYPE,),
    severity=Severity.MEDIUM,
    controls=("EC2.7",),
    trigger=Trigger.PERIODIC,
    remediation="ec2-enable-ebs-encryption-by-default",
    attributes=("EbsEncryptionByDefault",),
    cloudtrail=account_events("DisableEbsEncryptionByDefault", "EnableEbsEncryptionByDefault"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when EBS encryption by default is on in the region; NON_COMPLIANT otherwise."""
    if item.supplementary.get("EbsEncryptionByDefault"):
        return compliant("New EBS volumes and snapshot copies are encrypted by default.")
    return non_compliant("EBS encryption by default is off in this region; enable it.")
