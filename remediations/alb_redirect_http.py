from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.elb.alb_http_to_https_redirection import http_listeners, redirects_to_https

from warden.collectors.base import camelize, pascalize
from warden.model import ConfigurationItem, as_list
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def redirect_action(https_port: int) -> dict[str, Any]:
    """A permanent redirect to the same host, path and query on the HTTPS listener's port."""
    return {
        "Type": "redirect",
        "RedirectConfig": {
            "Protocol": "HTTPS",
            "Port": str(https_port),
            "Host": "#{host}",
            "Path": "/#{path}",
            "Query": "#{query}",
            "StatusCode": "HTTP_301",
        },
    }


def rollback(plan: Plan) -> list[ApiCall]:
    return [
        ApiCall("elbv2", "modify_listener", {"ListenerArn": arn, "DefaultActions": pascalize(actions)})
        for arn, actions in plan.before["listeners"].items()
    ]


@remediation(
    id="alb-redirect-http-to-https",
    title="Redirect an Application Load Balancer's HTTP listeners to its HTTPS listener",
    fixes=("alb-http-to-https-redirection-check",),
    permissions=("elasticloadbalancing:ModifyListener",),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Keeps each HTTP listener that does not redirect and changes its default action to a 301 redirect to
    the HTTPS listener's port (same host, path and query); listener rules are kept. A load balancer with no
    HTTPS listener is left alone with a manual action, since a redirect would point at nothing. Rollback
    restores each listener's previous default actions."""
    offending = [li for li in http_listeners(item) if not redirects_to_https(li)]
    before = {"listeners": {li["listenerArn"]: as_list(li.get("defaultActions")) for li in offending}}
    if not offending or rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    https = sorted(li["port"] for li in as_list(item.supplementary.get("Listeners")) if li.get("protocol") == "HTTPS")
    if not https:
        action = (
            "The load balancer has no HTTPS listener: add one with an ACM certificate, then redirect the HTTP "
            "listeners to it (or remove them)."
        )
        return Change((), before, before, manual_action=action)
    redirect = redirect_action(https[0])
    calls = tuple(
        ApiCall("elbv2", "modify_listener", {"ListenerArn": arn, "DefaultActions": [redirect]})
        for arn in before["listeners"]
    )
    return Change(calls, before, {"listeners": {arn: [camelize(redirect)] for arn in before["listeners"]}})
