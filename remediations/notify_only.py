from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warden.model import ConfigurationItem
from warden.registry import Rule
from warden.remediation import Change, Risk, remediation

# Rules with no safe automatic fix, and what a person should do instead.
MANUAL_ACTIONS = {
    "iam-policy-no-statements-with-admin-access": (
        "Replace Action * / Resource * with the actions and resources the principals need; review the "
        "policy's attachments first (IAM Access Analyzer can generate a least-privilege policy)."
    ),
    "access-keys-rotated": (
        "Create a new access key, move its users to it, deactivate the old key, then delete it; prefer roles."
    ),
    "iam-root-access-key-check": "Sign in as root, delete the root access key, and use IAM roles instead.",
    "api-gw-no-plain-http-backend": "Serve the backend over HTTPS and change the integration URI to https://.",
    "api-gwv2-access-logs-enabled": (
        "Create a CloudWatch Logs group and set the stage's access log destination and format."
    ),
    "s3-bucket-logging-enabled": "Choose a log bucket for the account and enable server access logging to it.",
    "cloud-trail-encryption-enabled": "Create a KMS key whose policy lets CloudTrail encrypt, and set it on the trail.",
    "multi-region-cloudtrail-enabled": (
        "Create (or convert) a trail that is multi-region, logging, and records read and write management events."
    ),
    # RDS, ElastiCache and EC2 (rules-c): changes that restart, re-create or re-address a resource.
    "rds-instance-public-access-check": (
        "Modify the DB instance with PubliclyAccessible=false after moving clients to private connectivity "
        "(VPC, VPN or a bastion); the DNS name then resolves to a private address."
    ),
    "rds-storage-encrypted": (
        "Snapshot the instance, copy the snapshot with a KMS key, restore a new instance from the encrypted "
        "copy, switch clients to it, then delete the unencrypted instance."
    ),
    "rds-snapshot-encrypted": (
        "Copy the snapshot with a KMS key (CopyDBSnapshot or CopyDBClusterSnapshot with KmsKeyId) and delete "
        "the unencrypted snapshot."
    ),
    "rds-multi-az-support": (
        "Modify the DB instance with MultiAZ=true in a maintenance window (it adds a standby and costs more)."
    ),
    "rds-enhanced-monitoring-enabled": (
        "Create the rds-monitoring-role (AmazonRDSEnhancedMonitoringRole) and modify the instance with a "
        "MonitoringInterval and that MonitoringRoleArn."
    ),
    "rds-logging-enabled": (
        "Modify the instance's CloudwatchLogsExportConfiguration to publish the engine's logs (for MySQL audit "
        "logs, add the MARIADB_AUDIT_PLUGIN option first)."
    ),
    "rds-instance-iam-authentication-enabled": (
        "Modify the instance with EnableIAMDatabaseAuthentication=true, create database users for IAM, and move "
        "clients to IAM authentication tokens."
    ),
    "db-instance-backup-enabled": (
        "Modify the instance's BackupRetentionPeriod to at least the required days (turning backups on from 0 "
        "briefly suspends I/O); choose a PreferredBackupWindow."
    ),
    "rds-no-default-ports": (
        "Modify the instance's DBPortNumber to a non-default port, update security groups and every "
        "connection string; the instance restarts."
    ),
    "elasticache-redis-cluster-automatic-backup-check": (
        "Modify the cluster or replication group with SnapshotRetentionLimit of at least the required days and "
        "a SnapshotWindow outside peak hours."
    ),
    "elasticache-auto-minor-version-upgrade-check": (
        "Modify the cache cluster with AutoMinorVersionUpgrade=true (upgrades then run in its maintenance window)."
    ),
    "elasticache-repl-grp-auto-failover-enabled": (
        "Give the replication group at least one replica in another Availability Zone, then modify it with "
        "AutomaticFailoverEnabled=true (and MultiAZEnabled=true)."
    ),
    "elasticache-repl-grp-encrypted-at-rest": (
        "Create a backup, restore it into a new replication group with AtRestEncryptionEnabled=true, move "
        "clients to it, and delete the old group."
    ),
    "elasticache-repl-grp-encrypted-in-transit": (
        "Modify the group with TransitEncryptionEnabled=true and TransitEncryptionMode=preferred, move clients "
        "to TLS, then set the mode to required."
    ),
    "elasticache-repl-grp-redis-auth-enabled": (
        "Set an AUTH token with ModifyReplicationGroup (AuthTokenUpdateStrategy=ROTATE, then SET), give it to "
        "clients from Secrets Manager; or upgrade to Redis OSS 6+ and use RBAC user groups."
    ),
    "elasticache-subnet-group-check": (
        "Create a cache subnet group of private subnets and re-create the cluster in it from a backup "
        "(a cluster's subnet group cannot be changed)."
    ),
    "encrypted-volumes": (
        "Snapshot the volume, copy the snapshot with encryption, create a volume from the copy, and swap it in "
        "during a stop of the instance; enable EBS encryption by default so new volumes start encrypted."
    ),
    "vpc-flow-logs-enabled": (
        "Create a flow log for the VPC capturing REJECT (or ALL) traffic to CloudWatch Logs or S3, with a "
        "delivery role and a retention period."
    ),
    "ec2-imdsv2-check": (
        "Check the instance's IMDSv1 use (CloudWatch MetadataNoToken metric), update SDKs, then call "
        "ModifyInstanceMetadataOptions with HttpTokens=required."
    ),
    "ec2-instance-no-public-ip": (
        "Move the instance behind a load balancer or NAT gateway in a private subnet, then release or "
        "disassociate its public address."
    ),
    "subnet-auto-assign-public-ip-disabled": (
        "Call ModifySubnetAttribute with MapPublicIpOnLaunch=false (and AssignIpv6AddressOnCreation=false) "
        "after checking nothing launched there relies on an automatic public address."
    ),
    "nacl-no-unrestricted-ssh-rdp": (
        "Replace the network ACL entries that allow 0.0.0.0/0 or ::/0 to TCP 22 or 3389 with entries for the "
        "administration network only (or use Session Manager instead of SSH/RDP)."
    ),
}


@remediation(
    id="notify-only",
    title="Record the finding and the manual action it needs",
    fixes=tuple(MANUAL_ACTIONS),
    permissions=(),
    reversible=False,
    risk=Risk.LOW,
)
def plan(item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Change:
    """Changes nothing: the finding is recorded with the recommended manual action."""
    return Change((), {}, {}, manual_action=MANUAL_ACTIONS[rule.id])
