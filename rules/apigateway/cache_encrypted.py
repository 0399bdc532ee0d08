from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.apigateway._triggers import REST_STAGE, REST_STAGE_EVENTS

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant, not_applicable
from warden.registry import rule


@rule(
    id="api-gw-cache-encrypted",
    title="API Gateway REST stage cache data is encrypted at rest",
    resource_types=(REST_STAGE,),
    severity=Severity.MEDIUM,
    controls=("APIGateway.5",),
    remediation="api-gw-encrypt-cache",
    cloudtrail=REST_STAGE_EVENTS,
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when every method setting with caching on has `cacheDataEncrypted`; NON_COMPLIANT
    when one does not; NOT_APPLICABLE when the stage caches nothing."""
    settings = item.configuration.get("methodSettings") or {}
    caching = {key: value for key, value in settings.items() if value.get("cachingEnabled")}
    if not item.configuration.get("cacheClusterEnabled") and not caching:
        return not_applicable("Caching is off for this stage.")
    if not caching:
        return not_applicable("The stage has a cache cluster but no method caches responses.")
    plain = sorted(key for key, value in caching.items() if not value.get("cacheDataEncrypted"))
    if plain:
        return non_compliant(f"Cached responses are stored unencrypted for {', '.join(plain)}; set cacheDataEncrypted.")
    return compliant("Every cached method encrypts its cache data.")
