from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ec2._ingress import open_ingress
from warden.rules.ec2._triggers import SECURITY_GROUP, group_events

from warden.model import ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="restricted-ssh",
    title="Security groups do not allow ingress from anywhere to port 22",
    resource_types=(SECURITY_GROUP,),
    severity=Severity.HIGH,
    controls=("EC2.13",),
    trigger=Trigger.BOTH,
    remediation="ec2-revoke-open-ingress",
    cloudtrail=group_events(),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when no ingress from 0.0.0.0/0 or ::/0 reaches TCP port 22; NON_COMPLIANT otherwise.
    (EC2.13 belongs to CIS v1.2.0 4.1, PCI DSS and NIST, not FSBP or CIS v3.0.0, which use EC2.53/54.)"""
    offending = [i.describe() for i in open_ingress(item) if i.covers("tcp", 22)]
    if offending:
        return non_compliant("SSH is open to the internet: " + "; ".join(offending) + ".")
    return compliant("SSH is not open to the internet.")
