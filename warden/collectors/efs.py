"""EFS file systems and access points, shaped as AWS Config records them: resource ids are the file system
and access point ids, configurations hold CloudFormation-style keys (Encrypted, KmsKeyId, BackupPolicy;
PosixUser, RootDirectory)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warden.aws import Clients
from warden.collectors.backup import covering_plans
from warden.collectors.base import (
    Attribute,
    Collector,
    Patch,
    absent_on,
    configuration,
    not_found_is_none,
    supplementary,
)
from warden.model import ConfigurationItem

FILE_SYSTEM = "AWS::EFS::FileSystem"
ACCESS_POINT = "AWS::EFS::AccessPoint"
_RECORDED_FILE_SYSTEM_KEYS = ("FileSystemId", "Encrypted", "KmsKeyId", "PerformanceMode", "ThroughputMode")


def _file_system_item(region: str, account_id: str, found: dict[str, Any]) -> ConfigurationItem:
    file_system_id = found["FileSystemId"]
    arn = found.get("FileSystemArn") or f"arn:aws:elasticfilesystem:{region}:{account_id}:file-system/{file_system_id}"
    tags = {t["Key"]: t["Value"] for t in found.get("Tags", [])}
    recorded = {key: found[key] for key in _RECORDED_FILE_SYSTEM_KEYS if key in found}
    return ConfigurationItem(
        resource_type=FILE_SYSTEM,
        resource_id=file_system_id,
        arn=arn,
        region=region,
        account_id=account_id,
        configuration={"Arn": arn, **recorded},
        tags=tags,
        resource_name=tags.get("Name") or file_system_id,
    )


def list_file_systems(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("efs", region).get_paginator("describe_file_systems").paginate():
        for found in page.get("FileSystems", []):
            yield _file_system_item(region, account_id, found)


@not_found_is_none({"FileSystemNotFound"})
def get_file_system(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    found = clients.client("efs", region).describe_file_systems(FileSystemId=resource_id)["FileSystems"]
    return _file_system_item(region, account_id, found[0]) if found else None


@absent_on({"PolicyNotFound"}, default=configuration(BackupPolicy={"Status": "DISABLED"}))
def fetch_backup_policy(clients: Clients, item: ConfigurationItem) -> Patch:
    policy = clients.client("efs", item.region).describe_backup_policy(FileSystemId=item.resource_id)["BackupPolicy"]
    return configuration(BackupPolicy={"Status": policy["Status"]})


def fetch_backup_plans(clients: Clients, item: ConfigurationItem) -> Patch:
    """Backup plans that select the file system; the listing already holds its tags."""
    return supplementary(BackupPlans=covering_plans(clients, item, lambda: dict(item.tags)))


def _access_point_item(region: str, account_id: str, point: dict[str, Any]) -> ConfigurationItem:
    point_id = point["AccessPointId"]
    arn = point.get("AccessPointArn") or f"arn:aws:elasticfilesystem:{region}:{account_id}:access-point/{point_id}"
    tags = {t["Key"]: t["Value"] for t in point.get("Tags", [])}
    recorded: dict[str, Any] = {"AccessPointId": point_id, "Arn": arn, "FileSystemId": point.get("FileSystemId")}
    if point.get("PosixUser"):
        user = point["PosixUser"]  # Config records the ids as strings
        recorded["PosixUser"] = {
            "Uid": str(user["Uid"]),
            "Gid": str(user["Gid"]),
            **({"SecondaryGids": [str(g) for g in user["SecondaryGids"]]} if user.get("SecondaryGids") else {}),
        }
    if point.get("RootDirectory"):
        recorded["RootDirectory"] = point["RootDirectory"]
    return ConfigurationItem(
        resource_type=ACCESS_POINT,
        resource_id=point_id,
        arn=arn,
        region=region,
        account_id=account_id,
        configuration=recorded,
        tags=tags,
        resource_name=point.get("Name") or point_id,
    )


def list_access_points(clients: Clients, region: str, account_id: str) -> Iterator[ConfigurationItem]:
    for page in clients.client("efs", region).get_paginator("describe_access_points").paginate():
        for point in page.get("AccessPoints", []):
            yield _access_point_item(region, account_id, point)


@not_found_is_none({"AccessPointNotFound"})
def get_access_point(clients: Clients, region: str, account_id: str, resource_id: str) -> ConfigurationItem | None:
    found = clients.client("efs", region).describe_access_points(AccessPointId=resource_id)["AccessPoints"]
    return _access_point_item(region, account_id, found[0]) if found else None


COLLECTORS = (
    Collector(
        FILE_SYSTEM,
        "elasticfilesystem:DescribeFileSystems",
        list_file_systems,
        get_file_system,
        {
            "BackupPolicy": Attribute(
                "BackupPolicy",
                "elasticfilesystem:DescribeBackupPolicy",
                fetch_backup_policy,
                recorded_at=("configuration", "BackupPolicy"),
            ),
            "BackupPlans": Attribute("BackupPlans", "backup:ListBackupPlans", fetch_backup_plans, account_wide=True),
        },
    ),
    Collector(ACCESS_POINT, "elasticfilesystem:DescribeAccessPoints", list_access_points, get_access_point),
)
