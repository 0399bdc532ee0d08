"""CloudTrail events that change security-group rules, shared by the EC2 rules."""

from __future__ import annotations

from warden.registry import CloudTrailTrigger

SECURITY_GROUP = "AWS::EC2::SecurityGroup"


def group_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    return (
        CloudTrailTrigger(
            "ec2.amazonaws.com",
            ("AuthorizeSecurityGroupIngress", *names),
            SECURITY_GROUP,
            "{requestParameters.groupId}",
        ),
        CloudTrailTrigger(
            "ec2.amazonaws.com",
            ("ModifySecurityGroupRules",),
            SECURITY_GROUP,
            "{requestParameters.ModifySecurityGroupRulesRequest.GroupId}",
        ),
    )
