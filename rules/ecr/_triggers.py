"""CloudTrail events that change a private repository's settings, shared by the ECR rules."""

from __future__ import annotations

from warden.registry import CloudTrailTrigger

REPOSITORY = "AWS::ECR::Repository"


def repository_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    return (
        CloudTrailTrigger(
            "ecr.amazonaws.com", ("CreateRepository", *names), REPOSITORY, "{requestParameters.repositoryName}"
        ),
    )
