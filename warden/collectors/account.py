"""Account-level settings (resource type AWS::::Account), read once per scan in the first region."""

from __future__ import annotations

from collections.abc import Iterator

from warden.aws import Clients
from warden.collectors.base import Attribute, Collector, Patch, absent_on, supplementary
from warden.collectors.cloudtrail import event_selectors, trail_status
from warden.model import ACCOUNT_RESOURCE_TYPE, ConfigurationItem


def _account_item(region: str, account_id: str) -> ConfigurationItem:
    return ConfigurationItem(
        resource_type=ACCOUNT_RESOURCE_TYPE,
        resource_id=account_id,
        arn=f"arn:aws:iam::{account_id}:root",
        region=region,
        account_id=account_id,
        configuration={"accountId": account_id},
        resource_name=account_id,
    )


def list_account(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    yield _account_item(region, account_id)


def get_account(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem:
    return _account_item(region, resource_id or account_id)


@absent_on({"NoSuchPublicAccessBlockConfiguration"})
def fetch_public_access_block(clients: Clients, item: ConfigurationItem) -> Patch:
    block = clients.client("s3control", item.region).get_public_access_block(AccountId=item.account_id)
    settings = block["PublicAccessBlockConfiguration"]
    return supplementary(PublicAccessBlockConfiguration={k[:1].lower() + k[1:]: v for k, v in settings.items()})


def fetch_account_summary(clients: Clients, item: ConfigurationItem) -> Patch:
    summary = clients.client("iam", item.region).get_account_summary()["SummaryMap"]
    return supplementary(AccountSummary=dict(summary))


def fetch_trails(clients: Clients, item: ConfigurationItem) -> Patch:
    """Every trail that logs this region, multi-region shadows included, with status and selectors."""
    trails = []
    for trail in clients.client("cloudtrail", item.region).describe_trails(includeShadowTrails=True)["trailList"]:
        home = trail.get("HomeRegion", item.region)
        trails.append(
            {
                "name": trail["Name"],
                "trailARN": trail["TrailARN"],
                "homeRegion": home,
                "isMultiRegionTrail": bool(trail.get("IsMultiRegionTrail")),
                "hasCustomEventSelectors": bool(trail.get("HasCustomEventSelectors")),
                **trail_status(clients, home, trail["TrailARN"]),
                **event_selectors(clients, home, trail["TrailARN"]),
            }
        )
    return supplementary(Trails=trails)


@absent_on({"NoSuchEntity"}, default=supplementary(PasswordPolicy=None))
def fetch_password_policy(clients: Clients, item: ConfigurationItem) -> Patch:
    policy = clients.client("iam", item.region).get_account_password_policy()["PasswordPolicy"]
    return supplementary(PasswordPolicy=dict(policy))


def fetch_root_virtual_mfa(clients: Clients, item: ConfigurationItem) -> Patch:
    """Whether the root user's MFA device is a virtual one (IAM lists assigned virtual devices with their user)."""
    paginator = clients.client("iam", item.region).get_paginator("list_virtual_mfa_devices")
    root = f"arn:aws:iam::{item.account_id}:root"
    virtual = any(
        (device.get("User") or {}).get("Arn") == root or device["SerialNumber"].endswith(":mfa/root-account-mfa-device")
        for page in paginator.paginate(AssignmentStatus="Assigned")
        for device in page.get("VirtualMFADevices", [])
    )
    return supplementary(RootVirtualMfa=virtual)


def fetch_ebs_encryption_by_default(clients: Clients, item: ConfigurationItem) -> Patch:
    """A regional setting: read in the item's region (the region a Config rule or a scan evaluates)."""
    enabled = clients.client("ec2", item.region).get_ebs_encryption_by_default()["EbsEncryptionByDefault"]
    return supplementary(EbsEncryptionByDefault=bool(enabled))


def fetch_public_ebs_snapshots(clients: Clients, item: ConfigurationItem) -> Patch:
    """Ids of this account's EBS snapshots in the item's region that every AWS account may restore."""
    paginator = clients.client("ec2", item.region).get_paginator("describe_snapshots")
    pages = paginator.paginate(RestorableByUserIds=["all"], Filters=[{"Name": "owner-id", "Values": [item.account_id]}])
    return supplementary(PublicEbsSnapshots=sorted(s["SnapshotId"] for page in pages for s in page["Snapshots"]))


def fetch_guardduty_detectors(clients: Clients, item: ConfigurationItem) -> Patch:
    """The region's GuardDuty detectors (a region has at most one), with status and administrator account."""
    guardduty = clients.client("guardduty", item.region)
    detectors = []
    for page in guardduty.get_paginator("list_detectors").paginate():
        for detector_id in page.get("DetectorIds", []):
            status = guardduty.get_detector(DetectorId=detector_id)["Status"]
            administrator = guardduty.get_administrator_account(DetectorId=detector_id).get("Administrator") or {}
            detectors.append(
                {"detectorId": detector_id, "status": status, "administratorAccountId": administrator.get("AccountId")}
            )
    return supplementary(GuardDutyDetectors=detectors)


COLLECTORS = (
    Collector(
        ACCOUNT_RESOURCE_TYPE,
        "sts:GetCallerIdentity",
        list_account,
        get_account,
        {
            "PublicAccessBlockConfiguration": Attribute(
                "PublicAccessBlockConfiguration", "s3control:GetPublicAccessBlock", fetch_public_access_block
            ),
            "AccountSummary": Attribute("AccountSummary", "iam:GetAccountSummary", fetch_account_summary),
            "Trails": Attribute("Trails", "cloudtrail:DescribeTrails", fetch_trails),
            "PasswordPolicy": Attribute("PasswordPolicy", "iam:GetAccountPasswordPolicy", fetch_password_policy),
            "RootVirtualMfa": Attribute("RootVirtualMfa", "iam:ListVirtualMFADevices", fetch_root_virtual_mfa),
            "EbsEncryptionByDefault": Attribute(
                "EbsEncryptionByDefault", "ec2:GetEbsEncryptionByDefault", fetch_ebs_encryption_by_default
            ),
            "PublicEbsSnapshots": Attribute("PublicEbsSnapshots", "ec2:DescribeSnapshots", fetch_public_ebs_snapshots),
            "GuardDutyDetectors": Attribute("GuardDutyDetectors", "guardduty:ListDetectors", fetch_guardduty_detectors),
        },
        is_global=True,
    ),
)
