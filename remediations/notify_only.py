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
    # Messaging, serverless and data services (SQS, SNS, Lambda, DynamoDB, EventBridge, Step Functions, Config).
    "sqs-queue-no-public-access": (
        "Remove the Allow statements for Principal * from the queue policy, or pin them with aws:SourceArn or "
        "aws:SourceAccount conditions naming the producers."
    ),
    "sns-topic-no-public-access": (
        "Remove the Allow statements for Principal * from the topic policy, or pin them with aws:SourceOwner, "
        "aws:SourceArn or aws:PrincipalOrgID conditions on fixed values."
    ),
    "lambda-function-settings-check": (
        "Move the function to a supported runtime (test the code on it first), then update its configuration."
    ),
    "lambda-inside-vpc": (
        "Attach the function to private subnets and security groups of your VPC (it then needs VPC endpoints "
        "or a NAT gateway to reach AWS APIs)."
    ),
    "lambda-vpc-multi-az-check": "Add subnets in other Availability Zones to the function's VPC configuration.",
    "dynamodb-autoscaling-enabled": (
        "Switch the table to on-demand capacity, or register read and write auto scaling targets with "
        "target-tracking policies for the table and each global secondary index."
    ),
    "dynamodb-resources-protected-by-backup-plan": (
        "Add the table (by ARN or by a tag the selection matches) to an AWS Backup plan's resource selection."
    ),
    "dax-encryption-enabled": (
        "Create a new DAX cluster with server-side encryption enabled, move clients to it, delete the old one."
    ),
    "dax-tls-endpoint-encryption": (
        "Create a new DAX cluster with endpoint encryption type TLS, move clients to its endpoint, delete the old one."
    ),
    "custom-eventbus-policy-attached": (
        "Attach a resource-based policy to the event bus (PutPermission) naming the accounts or organisation "
        "allowed to put events on it."
    ),
    "global-endpoint-event-replication-enabled": (
        "Turn event replication on for the global endpoint (UpdateEndpoint, ReplicationConfig State ENABLED) "
        "with a role that may put events on both Regions' buses."
    ),
    "config-enabled": (
        "Set up AWS Config in the Region with the AWSServiceRoleForConfig service-linked role, recording all "
        "supported resource types, a delivery channel, and start the recorder."
    ),
    "cloud-trail-cloud-watch-logs-enabled": (
        "Create a CloudWatch Logs group and a role CloudTrail can assume to write to it, and set both on the trail."
    ),
    "cloudtrail-s3-bucket-not-public": (
        "Remove AllUsers/AuthenticatedUsers grants and public policy statements from the trail's log bucket, and "
        "turn on its Block Public Access settings."
    ),
    "cloudtrail-s3-bucket-access-logging": (
        "Enable server access logging on the trail's log bucket, to a separate bucket only log delivery writes to."
    ),
    "iam-user-no-policies-check": (
        "Put the user in a group that carries the permissions, then detach its managed and delete its inline policies."
    ),
    "mfa-enabled-for-iam-console-access": "Have the user enable an MFA device, or remove the user's console password.",
    "iam-user-mfa-enabled": "Have the user enable an MFA device (hardware, virtual or passkey).",
    "iam-user-unused-credentials-check": (
        "Deactivate (then delete) the access keys and remove the console passwords unused for the period."
    ),
    "iam-password-policy": (
        "Update the account password policy (UpdateAccountPasswordPolicy) to the required length, character "
        "classes, reuse prevention and maximum age; users change their passwords at the next sign-in."
    ),
    "root-account-mfa-enabled": "Sign in as the root user and assign an MFA device to it.",
    "root-account-hardware-mfa-enabled": (
        "Sign in as the root user, assign a hardware MFA device, and remove the virtual one."
    ),
    "iam-policy-no-statements-with-full-access": (
        "Replace service:* actions with the actions the principals use (IAM Access Analyzer can generate them)."
    ),
    # ECR, KMS, Secrets Manager, ECS, EKS (rules-b)
    "ecr-private-lifecycle-policy-configured": (
        "Put a lifecycle policy on the repository that expires untagged images and keeps only the releases you need."
    ),
    "ecr-repository-cmk-encryption-enabled": (
        "Encryption is fixed at creation: create a repository with a customer managed KMS key, copy the images "
        "over (or replicate them), repoint pipelines and deployments, then delete the old repository."
    ),
    "kms-key-policy-no-public-access": (
        "Replace Principal * in the key policy with the accounts and roles that use the key, or pin it with "
        "fixed aws:PrincipalOrgID / kms:CallerAccount conditions; check CloudTrail for callers first."
    ),
    "iam-customer-policy-blocked-kms-actions": (
        "Limit the Resource of the statements allowing kms:Decrypt or kms:ReEncryptFrom to the key ARNs the "
        "principals use (or require kms:ViaService); publish it as a new default policy version."
    ),
    "iam-inline-policy-blocked-kms-actions": (
        "Edit the inline policy so kms:Decrypt and kms:ReEncryptFrom name specific key ARNs, or replace it "
        "with a scoped customer managed policy."
    ),
    "secretsmanager-rotation-enabled-check": (
        "Attach a rotation function (the Secrets Manager templates cover RDS, Redshift and DocumentDB) and a "
        "schedule, then rotate once and check that the clients pick up the new value."
    ),
    "secretsmanager-scheduled-rotation-success-check": (
        "Read the rotation function's CloudWatch logs, fix its permissions or network path to the database, "
        "then call RotateSecret and confirm AWSCURRENT moved."
    ),
    "secretsmanager-secret-unused": (
        "Confirm with CloudTrail GetSecretValue history that nothing reads the secret, then delete it with a "
        "recovery window (it can be restored during the window)."
    ),
    "secretsmanager-secret-periodic-rotation": (
        "Turn on automatic rotation, or rotate the secret now with RotateSecret and update what uses it."
    ),
    "ecs-task-definition-user-for-host-mode-check": (
        "Register a new revision that sets a non-root user on the host-networked containers (or uses awsvpc "
        "networking), then update the services to it."
    ),
    "ecs-task-definition-pid-mode-check": (
        "Register a new revision without pidMode host (sidecars that need process visibility can use pidMode "
        "task), then update the services to it."
    ),
    "ecs-containers-nonprivileged": (
        "Register a new revision without privileged: true, granting only the Linux capabilities the container "
        "needs, then update the services to it."
    ),
    "ecs-containers-readonly-access": (
        "Register a new revision with readonlyRootFilesystem: true and writable volumes for the paths the "
        "application writes (/tmp, caches), then update the services to it."
    ),
    "ecs-no-environment-secrets": (
        "Move the values into Secrets Manager or SSM Parameter Store, reference them in the container's "
        "secrets field, register a new revision, redeploy, and rotate the exposed credentials."
    ),
    "ecs-task-definition-log-configuration": (
        "Register a new revision with a logConfiguration (awslogs to a log group) on every container, then "
        "update the services to it."
    ),
    "ecs-service-assign-public-ip-disabled": (
        "Move the service to private subnets with a NAT gateway or VPC endpoints for image pulls, then update "
        "it with assignPublicIp DISABLED; expose it through a load balancer."
    ),
    "ecs-task-set-assign-public-ip-disabled": (
        "Task set networking cannot change: create a replacement task set with assignPublicIp DISABLED in "
        "private subnets, shift traffic to it, then delete the old one."
    ),
    "ecs-fargate-latest-platform-version": (
        "Update the service with platformVersion LATEST (a new deployment); test 1.3.0 to 1.4.0 moves first, "
        "the container runtime and networking changed."
    ),
    "eks-endpoint-no-public-access": (
        "Enable private endpoint access, make sure kubectl, CI and node groups reach the API from inside the VPC "
        "(VPN, bastion or peered network), then disable public access."
    ),
    "eks-cluster-supported-version": (
        "Upgrade the control plane one minor version at a time (check deprecated APIs and add-on versions), "
        "then the node groups."
    ),
    "eks-secrets-encrypted": (
        "Associate an encryption config with a customer managed KMS key for the secrets resource "
        "(AssociateEncryptionConfig); it cannot be removed afterwards."
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
    # rules-e: RDS clusters, administrator names and event subscriptions
    "rds-cluster-iam-authentication-enabled": (
        "Modify the cluster with EnableIAMDatabaseAuthentication=true, create database users for IAM, and move "
        "clients to IAM authentication tokens."
    ),
    "aurora-mysql-backtracking-enabled": (
        "Backtracking cannot be turned on for an existing cluster: clone or restore it with a BacktrackWindow, "
        "move clients to the new cluster, then delete the old one."
    ),
    "rds-cluster-multi-az-enabled": "Add a reader instance in another Availability Zone to the DB cluster.",
    "rds-cluster-default-admin-check": (
        "Create a new cluster (from a snapshot) with a custom master user name, move clients, delete the old one."
    ),
    "rds-instance-default-admin-check": (
        "Create a new instance (from a snapshot) with a custom master user name, move clients, delete the old one."
    ),
    "rds-cluster-event-notifications-configured": (
        "Create an enabled RDS event subscription to an SNS topic for all DB clusters with the maintenance and "
        "failure categories."
    ),
    "rds-instance-event-notifications-configured": (
        "Create an enabled RDS event subscription to an SNS topic for all DB instances with the maintenance, "
        "configuration change and failure categories."
    ),
    "rds-pg-event-notifications-configured": (
        "Create an enabled RDS event subscription to an SNS topic for all DB parameter groups with the "
        "configuration change category."
    ),
    "rds-sg-event-notifications-configured": (
        "Create an enabled RDS event subscription to an SNS topic for all DB security groups with the "
        "configuration change and failure categories."
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
    # rules-d: CloudFront, load balancers, API Gateway (WAF, routes), S3
    "cloudfront-default-root-object-configured": (
        "Set the distribution's default root object (e.g. index.html) so a request for / returns that object."
    ),
    "cloudfront-origin-failover-enabled": (
        "Create an origin group with a primary and a secondary origin and point the cache behaviors at it."
    ),
    "cloudfront-accesslogs-enabled": "Enable standard logging on the distribution to an S3 log bucket.",
    "cloudfront-associated-with-waf": (
        "Create an AWS WAF web ACL (scope CLOUDFRONT) and associate it with the distribution."
    ),
    "cloudfront-custom-ssl-certificate": (
        "Request an ACM certificate in us-east-1 for the distribution's aliases and set it as the viewer certificate."
    ),
    "cloudfront-sni-enabled": (
        "Change the custom certificate's SSL support method to sni-only (dedicated IPs are legacy)."
    ),
    "cloudfront-traffic-to-origin-encrypted": (
        "Serve the origin over HTTPS and set its origin protocol policy to https-only."
    ),
    "cloudfront-no-deprecated-ssl-protocols": "Remove SSLv3 from the custom origin's SSL protocols; allow TLSv1.2.",
    "cloudfront-s3-origin-non-existent-bucket": (
        "Recreate the missing bucket in this account, or remove the origin and the behaviors that use it."
    ),
    "cloudfront-s3-origin-access-control-enabled": (
        "Create an origin access control (S3, sigv4, always sign), attach it to each S3 origin, and grant "
        "cloudfront.amazonaws.com read in the bucket policy conditioned on the distribution ARN."
    ),
    "alb-http-drop-invalid-header-enabled": (
        "Test clients against it, then set routing.http.drop_invalid_header_fields.enabled to true on the ALB."
    ),
    "elb-logging-enabled": (
        "Enable access logs to an S3 bucket whose policy lets the regional ELB account (or logdelivery) write."
    ),
    "elb-deletion-protection-enabled": "Set deletion_protection.enabled to true on the load balancer.",
    # rules-e: Classic and v2 load balancers
    "elb-acm-certificate-required": (
        "Request or import the certificate in ACM and set it on each HTTPS/SSL listener "
        "(SetLoadBalancerListenerSSLCertificate); then delete the IAM server certificate."
    ),
    "elb-tls-https-listeners-only": (
        "Replace each HTTP/TCP listener with an HTTPS/SSL one using an ACM certificate, after clients use TLS "
        "(or migrate to an ALB that redirects HTTP to HTTPS)."
    ),
    "elb-predefined-security-policy-ssl-check": (
        "Create an SSLNegotiationPolicyType policy referencing ELBSecurityPolicy-TLS-1-2-2017-01 and set it on "
        "each HTTPS/SSL listener, once no client needs TLS 1.0/1.1."
    ),
    "clb-multiple-az": "Enable another Availability Zone (or attach a subnet in one) and register instances there.",
    "elbv2-multiple-az": "Add a subnet in another Availability Zone to the load balancer (SetSubnets), with targets.",
    "api-gw-associated-with-waf": "Create a regional AWS WAF web ACL and associate it with the stage.",
    "api-gwv2-authorization-type-configured": (
        "Attach an authorizer to the route (IAM, a JWT authorizer, or a Lambda authorizer) before exposing it."
    ),
    "s3-bucket-public-read-prohibited": (
        "Remove the public ACL grants and policy statements (serve public content through CloudFront with "
        "origin access control), then turn on the bucket's Block Public Access."
    ),
    "s3-bucket-public-write-prohibited": (
        "Remove the public write grants and policy statements now, then turn on the bucket's Block Public Access."
    ),
    "s3-bucket-blacklisted-actions-prohibited": (
        "Narrow the policy so other accounts get data actions only, never policy, ACL or encryption changes."
    ),
    "s3-bucket-acl-prohibited": (
        "Move the ACL's grants into the bucket policy, then set Object Ownership to BucketOwnerEnforced."
    ),
    "s3-lifecycle-policy-check": "Add a lifecycle rule that transitions or expires objects (and old versions).",
    "s3-bucket-default-lock-enabled": (
        "Enable Object Lock (versioning must be on) and set a default retention that fits the data."
    ),
    "s3-default-encryption-kms": "Set the bucket's default encryption to SSE-KMS with a customer managed key.",
    "s3-access-point-public-access-blocks": (
        "Access point settings cannot change: create a replacement with all four Block Public Access settings "
        "on, move clients to it, and delete the old one."
    ),
    "s3-bucket-mfa-delete-enabled": (
        "As the root user with an MFA device, enable MFA delete with PutBucketVersioning (CLI or API only)."
    ),
    "cloudtrail-all-write-s3-data-event-check": (
        "Add a data event selector for AWS::S3::Object (all buckets, write events) to a multi-region trail."
    ),
    "cloudtrail-all-read-s3-data-event-check": (
        "Add a data event selector for AWS::S3::Object (all buckets, read events) to a multi-region trail."
    ),
    # rules-f: S3, SNS, EC2, EFS, GuardDuty
    "s3-version-lifecycle-policy-check": (
        "Add a lifecycle rule that expires noncurrent versions (NoncurrentVersionExpiration) after the recovery "
        "window you need, and cleans up incomplete multipart uploads."
    ),
    "s3-event-notifications-enabled": (
        "Configure event notifications (PutBucketNotificationConfiguration) for the object events you monitor, to "
        "an SNS topic, SQS queue or Lambda function whose policy lets S3 deliver."
    ),
    "sns-topic-message-delivery-notification-enabled": (
        "Create an IAM role SNS can assume to write CloudWatch Logs and set it as the topic's failure (and success) "
        "feedback role for each protocol its subscriptions use."
    ),
    "ec2-stopped-instance": (
        "Snapshot the instance's volumes (or create an AMI) if its data is needed, then terminate it; or start it "
        "if it is still in use."
    ),
    "vpc-network-acl-unused-check": (
        "Confirm the network ACL is not meant for a subnet, then delete it (DeleteNetworkAcl); default ACLs stay."
    ),
    "ec2-security-group-attached-to-eni-periodic": (
        "Check that no launch template, Auto Scaling group or other security group rule references the group, then "
        "delete it (DeleteSecurityGroup)."
    ),
    "ec2-launch-template-public-ip-disabled": (
        "Create a launch template version whose network interfaces set AssociatePublicIpAddress to false, make it "
        "the default version, and give instances outbound access through a NAT gateway."
    ),
    "service-vpc-endpoint-enabled": (
        "Create an interface VPC endpoint for com.amazonaws.<region>.ec2 in the VPC's private subnets with private "
        "DNS enabled and a security group allowing HTTPS from the VPC."
    ),
    "ec2-instance-multiple-eni-check": (
        "Detach the secondary network interfaces the instance does not need (DetachNetworkInterface), or list the "
        "intended ones in the rule's NetworkInterfaceIds parameter."
    ),
    "efs-encrypted-check": (
        "Create an encrypted file system (KMS key), copy the data with AWS DataSync, move the mount targets' "
        "clients to it, then delete the unencrypted one."
    ),
    "efs-in-backup-plan": (
        "Turn on automatic backups (PutBackupPolicy Status ENABLED) or add the file system to an AWS Backup plan's "
        "resource selection."
    ),
    "efs-access-point-enforce-root-directory": (
        "Access points cannot change: create one whose RootDirectory is the application's path (with CreationInfo), "
        "move clients to it, and delete the old one."
    ),
    "efs-access-point-enforce-user-identity": (
        "Access points cannot change: create one with a PosixUser (uid, gid) for the application, move clients to "
        "it, and delete the old one."
    ),
    "guardduty-enabled-centralized": (
        "Enable GuardDuty in the region (CreateDetector, or UpdateDetector Enable=true for a suspended one), "
        "preferably for all accounts from the organization's delegated administrator."
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
