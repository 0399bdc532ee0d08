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
