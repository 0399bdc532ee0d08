"""CloudTrail events that change an IAM user, a customer managed policy or account-wide IAM settings."""

from __future__ import annotations

from warden.model import ACCOUNT_RESOURCE_TYPE
from warden.registry import CloudTrailTrigger

SOURCE = "iam.amazonaws.com"
USER = "AWS::IAM::User"
POLICY = "AWS::IAM::Policy"


def user_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    return (CloudTrailTrigger(SOURCE, ("CreateUser", *names), USER, "{requestParameters.userName}"),)


def account_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    return (CloudTrailTrigger(SOURCE, names, ACCOUNT_RESOURCE_TYPE, "{recipientAccountId}"),)


POLICY_EVENTS = (
    CloudTrailTrigger(SOURCE, ("CreatePolicy",), POLICY, "{responseElements.policy.arn}"),
    CloudTrailTrigger(
        SOURCE, ("CreatePolicyVersion", "SetDefaultPolicyVersion"), POLICY, "{requestParameters.policyArn}"
    ),
)
# The root user's MFA is managed with the same calls as any user's.
ROOT_MFA_EVENTS = account_events("EnableMFADevice", "DeactivateMFADevice", "DeleteVirtualMFADevice")
