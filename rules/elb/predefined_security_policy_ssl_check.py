from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import (
    CLASSIC_LOAD_BALANCER,
    CLASSIC_POLICY_EVENTS,
    SECURE_PROTOCOLS,
    classic_listeners,
    describe_listener,
)

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant, not_applicable
from warden.registry import rule

PARAMETERS = {
    "type": "object",
    "properties": {
        "predefinedPolicyName": {
            "type": "string",
            "minLength": 1,
            "default": "ELBSecurityPolicy-TLS-1-2-2017-01",
            "description": "The predefined SSL security policy every HTTPS and SSL listener must use.",
        }
    },
    "additionalProperties": False,
}


def _predefined_policies(item: ConfigurationItem) -> dict[str, str]:
    """Policy name to the predefined policy it is (its name, or its Reference-Security-Policy attribute)."""
    found = {}
    for policy in as_list(item.supplementary.get("LoadBalancerPolicies")):
        if not isinstance(policy, dict) or policy.get("policyTypeName") != "SSLNegotiationPolicyType":
            continue
        name = str(policy.get("policyName"))
        reference = next(
            (
                a.get("attributeValue")
                for a in as_list(policy.get("policyAttributeDescriptions"))
                if isinstance(a, dict) and a.get("attributeName") == "Reference-Security-Policy"
            ),
            None,
        )
        found[name] = str(reference or name)
    return found


@rule(
    id="elb-predefined-security-policy-ssl-check",
    title="Classic Load Balancer SSL listeners use a strong predefined security policy",
    resource_types=(CLASSIC_LOAD_BALANCER,),
    severity=Severity.MEDIUM,
    controls=("ELB.8",),
    parameters=PARAMETERS,
    remediation="notify-only",
    attributes=("LoadBalancerPolicies",),
    cloudtrail=CLASSIC_POLICY_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every HTTPS and SSL listener's SSL negotiation policy is `predefinedPolicyName` (by name
    or by its Reference-Security-Policy); NON_COMPLIANT when one uses another or a custom policy, or none (ELB
    then applies its older default); NOT_APPLICABLE without HTTPS or SSL listeners."""
    secure = [li for li in classic_listeners(item) if str(li.get("protocol")).upper() in SECURE_PROTOCOLS]
    if not secure:
        return not_applicable("The load balancer has no HTTPS or SSL listener.")
    wanted = params["predefinedPolicyName"]
    policies = _predefined_policies(item)
    weak = [describe_listener(li) for li in secure if wanted not in {policies.get(str(n)) for n in li["policyNames"]}]
    if weak:
        return non_compliant(f"Listener(s) {', '.join(weak)} do not use the predefined policy {wanted}.")
    return compliant(f"Every HTTPS and SSL listener uses {wanted}.")
