from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import SECURITY_GROUP, SOURCE

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant, not_applicable
from warden.registry import CloudTrailTrigger, rule


@rule(
    id="ec2-security-group-attached-to-eni-periodic",
    title="Unused EC2 security groups are removed (EC2.22, retired from FSBP in September 2023)",
    resource_types=(SECURITY_GROUP,),
    severity=Severity.MEDIUM,
    trigger=Trigger.PERIODIC,
    controls=("EC2.22",),
    remediation="notify-only",
    attributes=("NetworkInterfaceIds",),
    cloudtrail=(CloudTrailTrigger(SOURCE, ("CreateSecurityGroup",), SECURITY_GROUP, "{responseElements.groupId}"),),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when a non-default security group is attached to a network interface; NON_COMPLIANT when it
    is attached to none; NOT_APPLICABLE for default groups and groups another account owns. Security Hub
    removed EC2.22 from FSBP and NIST SP 800-53 on 20 September 2023; it remains in the Control Tower standard."""
    if item.configuration.get("groupName") == "default":
        return not_applicable("Default security groups cannot be deleted; EC2.2 checks them.")
    owner = item.configuration.get("ownerId")
    if owner and item.account_id and owner != item.account_id:
        return not_applicable(f"Security group is owned by account {owner}.")
    interfaces = item.supplementary.get("NetworkInterfaceIds") or []
    if not interfaces:
        return non_compliant("Security group is attached to no network interface: delete it if nothing will use it.")
    return compliant(f"Security group is attached to {len(interfaces)} network interface(s).")
