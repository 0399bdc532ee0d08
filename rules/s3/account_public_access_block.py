from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.rules.s3.bucket_public_access_block import missing_settings

from warden.model import ACCOUNT_RESOURCE_TYPE, ConfigurationItem, Severity, Trigger, Verdict, compliant, non_compliant
from warden.registry import CloudTrailTrigger, rule

CONFIG_TYPE = "AWS::S3::AccountPublicAccessBlock"


@rule(
    id="s3-account-level-public-access-blocks",
    title="S3 Block Public Access is on at the account level",
    resource_types=(ACCOUNT_RESOURCE_TYPE, CONFIG_TYPE),
    severity=Severity.MEDIUM,
    controls=("S3.1",),
    trigger=Trigger.BOTH,
    remediation="s3-account-block-public-access",
    attributes=("PublicAccessBlockConfiguration",),
    cloudtrail=(
        CloudTrailTrigger(
            "s3.amazonaws.com",
            ("PutAccountPublicAccessBlock", "DeleteAccountPublicAccessBlock"),
            ACCOUNT_RESOURCE_TYPE,
            "{recipientAccountId}",
        ),
    ),
)
def evaluate(item: ConfigurationItem, params: Mapping[str, Any]) -> Verdict:
    """COMPLIANT when all four account-level Block Public Access settings are true; NON_COMPLIANT otherwise.
    Reads Config's AWS::S3::AccountPublicAccessBlock item or Warden's account item."""
    block: Mapping[str, Any] | None = (
        item.configuration
        if item.resource_type == CONFIG_TYPE
        else item.supplementary.get("PublicAccessBlockConfiguration")
    )
    missing = missing_settings(block)
    if missing:
        return non_compliant(f"Account Block Public Access is off for {', '.join(missing)}; turn all four on.")
    return compliant("All four account-level Block Public Access settings are on.")
