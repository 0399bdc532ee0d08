from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import SECURITY_GROUP, group_events

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="vpc-default-security-group-closed",
    title="VPC default security groups allow no inbound or outbound traffic",
    resource_types=(SECURITY_GROUP,),
    severity=Severity.HIGH,
    controls=("EC2.2",),
    remediation="ec2-close-default-security-group",
    cloudtrail=group_events("AuthorizeSecurityGroupEgress"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when a VPC's default group has no ingress and no egress rules; NON_COMPLIANT when it
    has any; NOT_APPLICABLE to groups other than a VPC's default group."""
    if item.configuration.get("groupName") != "default" or not item.configuration.get("vpcId"):
        return not_applicable("Only a VPC's default security group is evaluated.")
    ingress = len(as_list(item.configuration.get("ipPermissions")))
    egress = len(as_list(item.configuration.get("ipPermissionsEgress")))
    if ingress or egress:
        return non_compliant(
            f"Default security group has {ingress} inbound and {egress} outbound rule(s); remove them all and "
            "use dedicated groups instead."
        )
    return compliant("Default security group allows no traffic.")
