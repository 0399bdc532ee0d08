"""Collectors build configuration items from live describe calls, one module per service."""

from __future__ import annotations

from warden.collectors import (
    account,
    apigateway,
    awslambda,
    cloudfront,
    cloudtrail,
    config,
    dynamodb,
    ec2,
    ecr,
    ecs,
    efs,
    eks,
    elasticache,
    elb,
    eventbridge,
    iam,
    kinesis,
    kms,
    rds,
    s3,
    secretsmanager,
    sns,
    sqs,
    stepfunctions,
)
from warden.collectors.base import Attribute, Collector, ReadError
from warden.model import WardenError

COLLECTORS: dict[str, Collector] = {
    c.resource_type: c
    for module in (
        apigateway,
        s3,
        cloudtrail,
        ec2,
        iam,
        account,
        awslambda,
        config,
        dynamodb,
        eventbridge,
        sns,
        sqs,
        stepfunctions,
        ecr,
        kms,
        secretsmanager,
        ecs,
        eks,
        rds,
        elasticache,
        cloudfront,
        elb,
        kinesis,
        efs,
    )
    for c in module.COLLECTORS
}


class UnknownResourceTypeError(WardenError):
    pass


def collector_for(resource_type: str) -> Collector:
    try:
        return COLLECTORS[resource_type]
    except KeyError:
        raise UnknownResourceTypeError(f"Warden cannot read resources of type {resource_type!r}") from None


__all__ = ["COLLECTORS", "Attribute", "Collector", "ReadError", "UnknownResourceTypeError", "collector_for"]
