"""CloudTrail events that change EFS file systems and access points, shared by the EFS rules."""

from __future__ import annotations

from warden.registry import CloudTrailTrigger

SOURCE = "elasticfilesystem.amazonaws.com"
FILE_SYSTEM = "AWS::EFS::FileSystem"
ACCESS_POINT = "AWS::EFS::AccessPoint"
FILE_SYSTEM_CREATED = CloudTrailTrigger(SOURCE, ("CreateFileSystem",), FILE_SYSTEM, "{responseElements.fileSystemId}")
ACCESS_POINT_EVENTS = (
    CloudTrailTrigger(SOURCE, ("CreateAccessPoint",), ACCESS_POINT, "{responseElements.accessPointId}"),
)
