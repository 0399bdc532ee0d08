from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.ecr._triggers import REPOSITORY, repository_events

from warden.model import ConfigurationItem, Severity, Verdict, compliant, non_compliant
from warden.registry import rule


@rule(
    id="ecr-private-image-scanning-enabled",
    title="ECR private repositories scan images on push",
    resource_types=(REPOSITORY,),
    severity=Severity.HIGH,
    controls=("ECR.1",),
    remediation="ecr-enable-scan-on-push",
    cloudtrail=repository_events("PutImageScanningConfiguration"),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when the repository's image scanning configuration has ScanOnPush on; NON_COMPLIANT
    otherwise. (Registry-level enhanced scanning rules are not read: Config records the repository setting.)"""
    scanning = item.configuration.get("ImageScanningConfiguration") or {}
    if scanning.get("ScanOnPush") is True:
        return compliant("Images are scanned for vulnerabilities when pushed.")
    return non_compliant("Images are not scanned on push; turn on scan on push (or continuous enhanced scanning).")
