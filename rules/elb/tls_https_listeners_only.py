from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import (
    CLASSIC_LISTENER_EVENTS,
    CLASSIC_LOAD_BALANCER,
    SECURE_PROTOCOLS,
    classic_listeners,
    describe_listener,
)

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="elb-tls-https-listeners-only",
    title="Classic Load Balancer listeners terminate HTTPS or TLS",
    resource_types=(CLASSIC_LOAD_BALANCER,),
    severity=Severity.MEDIUM,
    controls=("ELB.3",),
    remediation="notify-only",
    cloudtrail=CLASSIC_LISTENER_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every listener's front-end protocol is HTTPS or SSL; NON_COMPLIANT when one is HTTP or
    TCP; NOT_APPLICABLE to a Classic Load Balancer without listeners."""
    listeners = classic_listeners(item)
    if not listeners:
        return not_applicable("The load balancer has no listener.")
    plain = [describe_listener(li) for li in listeners if str(li.get("protocol")).upper() not in SECURE_PROTOCOLS]
    if plain:
        return non_compliant(f"Listener(s) {', '.join(plain)} accept unencrypted traffic: change them to HTTPS or SSL.")
    return compliant("Every listener terminates HTTPS or TLS.")
