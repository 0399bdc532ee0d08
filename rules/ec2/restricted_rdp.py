from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._ingress import open_ingress
from warden.rules.ec2._triggers import SECURITY_GROUP, group_events

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="restricted-rdp",
    title="Security groups do not allow ingress from anywhere to port 3389",
    resource_types=(SECURITY_GROUP,),
    severity=Severity.HIGH,
    controls=("EC2.14",),
    trigger=Trigger.BOTH,
    remediation="ec2-revoke-open-ingress",
    cloudtrail=group_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when no ingress from 0.0.0.0/0 or ::/0 reaches TCP port 3389; NON_COMPLIANT otherwise.
    (Security Hub deploys the managed rule restricted-common-ports as `restricted-rdp` with port 3389 only;
    EC2.14 belongs to CIS v1.2.0 4.2 and PCI DSS, not FSBP.)"""
    offending = [i.describe() for i in open_ingress(item) if i.covers("tcp", 3389)]
    if offending:
        return non_compliant("RDP is open to the internet: " + "; ".join(offending) + ".")
    return compliant("RDP is not open to the internet.")
