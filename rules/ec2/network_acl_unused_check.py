from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._triggers import NETWORK_ACL, SOURCE

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant
from warden.registry import CloudTrailTrigger, rule


@rule(
    id="vpc-network-acl-unused-check",
    title="Unused network ACLs are removed",
    resource_types=(NETWORK_ACL,),
    severity=Severity.LOW,
    controls=("EC2.16",),
    remediation="notify-only",
    cloudtrail=(
        CloudTrailTrigger(SOURCE, ("CreateNetworkAcl",), NETWORK_ACL, "{responseElements.networkAcl.networkAclId}"),
        CloudTrailTrigger(SOURCE, ("ReplaceNetworkAclAssociation",), NETWORK_ACL, "{requestParameters.networkAclId}"),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the network ACL is associated with at least one subnet; NON_COMPLIANT when it is
    associated with none."""
    subnets = [a.get("subnetId") for a in as_list(item.configuration.get("associations")) if a.get("subnetId")]
    if not subnets:
        return non_compliant("Network ACL is associated with no subnet: delete it, or associate it where it is meant.")
    return compliant(f"Network ACL is associated with {len(subnets)} subnet(s).")
