from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb._balancer import LOAD_BALANCER_V2, V2_LISTENER_EVENTS, balancer_type

from warden.model import ConfigurationItem, Severity, Verdict, as_list, compliant, non_compliant, not_applicable
from warden.registry import rule


def redirects_to_https(listener: Mapping[str, Any]) -> bool:
    actions = as_list(listener.get("defaultActions"))
    return bool(actions) and all(
        a.get("type") == "redirect" and (a.get("redirectConfig") or {}).get("protocol") == "HTTPS" for a in actions
    )


def http_listeners(item: ConfigurationItem) -> list[Mapping[str, Any]]:
    return [li for li in as_list(item.supplementary.get("Listeners")) if li.get("protocol") == "HTTP"]


@rule(
    id="alb-http-to-https-redirection-check",
    title="Application Load Balancers redirect every HTTP request to HTTPS",
    resource_types=(LOAD_BALANCER_V2,),
    severity=Severity.MEDIUM,
    controls=("ELB.1",),
    remediation="alb-redirect-http-to-https",
    attributes=("Listeners",),
    cloudtrail=V2_LISTENER_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every HTTP listener of an Application Load Balancer redirects to HTTPS (or it has no
    HTTP listener); NON_COMPLIANT when an HTTP listener forwards or answers instead; NOT_APPLICABLE to
    Network and Gateway Load Balancers."""
    if balancer_type(item) != "application":
        return not_applicable(f"{balancer_type(item) or 'unknown'} load balancers have no HTTP listeners.")
    plain = [str(li.get("port")) for li in http_listeners(item) if not redirects_to_https(li)]
    if plain:
        return non_compliant(f"HTTP listeners on port(s) {', '.join(plain)} serve HTTP: redirect them to HTTPS.")
    return compliant("Every HTTP listener redirects to HTTPS.")
