from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import ApiCall, Change, Plan, Risk, remediation


def _scan_on_push(repository: str, enabled: bool) -> ApiCall:
    return ApiCall(
        "ecr",
        "put_image_scanning_configuration",
        {"repositoryName": repository, "imageScanningConfiguration": {"scanOnPush": enabled}},
    )


def rollback(plan: Plan) -> list[ApiCall]:
    return [_scan_on_push(plan.resource_id, bool(plan.before["scanOnPush"]))]


@remediation(
    id="ecr-enable-scan-on-push",
    title="Scan images on push in the ECR repository",
    fixes=("ecr-private-image-scanning-enabled",),
    permissions=("ecr:DescribeRepositories", "ecr:PutImageScanningConfiguration"),
    reversible=True,
    risk=Risk.LOW,
    rollback=rollback,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Calls PutImageScanningConfiguration with scanOnPush on; pushes and pulls are unaffected, each pushed
    image is scanned with basic scanning."""
    enabled = (item.configuration.get("ImageScanningConfiguration") or {}).get("ScanOnPush") is True
    before = {"scanOnPush": enabled}
    if enabled:
        return Change((), before, before)
    return Change((_scan_on_push(item.resource_id, True),), before, {"scanOnPush": True})
