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
