from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from warden.collectors.cloudfront import from_config
from warden.model import ConfigurationItem, ConfigurationItemError
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation

OPEN = "allow-all"
REDIRECT = "redirect-to-https"


def _behaviors(config: Mapping[str, Any], default: str, others: str, pattern: str) -> list[tuple[str, Any]]:
    """(path pattern, behavior) pairs of a distribution config, in either spelling (Config's or the API's)."""
    listed = ((config.get(others) or {}).get("items") or (config.get(others) or {}).get("Items")) or []
    return [("*", config.get(default) or {}), *((b.get(pattern, "?"), b) for b in listed)]


def _config_behaviors(config: Mapping[str, Any]) -> list[tuple[str, Any]]:
    return _behaviors(config, "defaultCacheBehavior", "cacheBehaviors", "pathPattern")


def _api_behaviors(config: Mapping[str, Any]) -> list[tuple[str, Any]]:
    return _behaviors(config, "DefaultCacheBehavior", "CacheBehaviors", "PathPattern")


def rollback(plan: Plan) -> list[ApiCall]:
    """The applied configuration with each behavior's previous policy, under the ETag CloudFront holds now."""
    restored = copy.deepcopy(dict(plan.calls[0].params["DistributionConfig"]))
    previous = plan.before["viewerProtocolPolicy"]
    for path, behavior in _api_behaviors(restored):
        behavior["ViewerProtocolPolicy"] = previous.get(path, behavior["ViewerProtocolPolicy"])
    return [
        ApiCall("cloudfront", "get_distribution_config", {"Id": plan.resource_id}, save_as="current"),
        ApiCall(
            "cloudfront",
            "update_distribution",
            {"Id": plan.resource_id, "IfMatch": "{{current.ETag}}", "DistributionConfig": restored},
        ),
    ]


@remediation(
    id="cloudfront-viewer-https-redirect",
    title="Redirect viewers from HTTP to HTTPS on every allow-all cache behavior",
    fixes=("cloudfront-viewer-policy-https",),
    permissions=("cloudfront:GetDistributionConfig", "cloudfront:UpdateDistribution"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
    attributes=("DistributionConfig",),
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Sets the viewer protocol policy of each `allow-all` cache behavior to `redirect-to-https`, keeping
    `https-only` behaviors and every other setting; the update names the configuration's ETag (IfMatch), so
    a distribution changed since it was read is left alone. Clients that follow redirects keep working.
    Rollback puts the previous policies back."""
    config = item.configuration.get("distributionConfig") or {}
    before = {"viewerProtocolPolicy": {p: b.get("viewerProtocolPolicy") for p, b in _config_behaviors(config)}}
    if rule.run(item, params).compliance != "NON_COMPLIANT":
        return Change((), before, before)
    etag = item.supplementary.get("DistributionConfigETag")
    if not etag:
        raise ConfigurationItemError(f"{item.resource_id}: no ETag; the distribution must be read live to update it")
    wanted = copy.deepcopy(dict(config))
    for _, behavior in _config_behaviors(wanted):
        if behavior.get("viewerProtocolPolicy") == OPEN:
            behavior["viewerProtocolPolicy"] = REDIRECT
    call = ApiCall(
        "cloudfront",
        "update_distribution",
        {"Id": item.resource_id, "IfMatch": etag, "DistributionConfig": from_config(wanted)},
    )
    after = {"viewerProtocolPolicy": {p: b.get("viewerProtocolPolicy") for p, b in _config_behaviors(wanted)}}
    return Change((call,), before, after)
