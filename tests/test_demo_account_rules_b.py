"""The ECR, KMS, Secrets Manager, ECS and EKS demo seed gives each service's rules something to pass and
something to flag."""

from __future__ import annotations

from warden.demo_account import seed_rules_b
from warden.registry import load_rules
from warden.scan import Scanner

SERVICES = ("AWS::ECR::", "AWS::KMS::", "AWS::SecretsManager::", "AWS::ECS::", "AWS::EKS::")


def test_every_service_has_a_compliant_and_a_non_compliant_resource(aws):
    seed_rules_b(aws.clients, aws.region)
    rules = [r for r in load_rules().all() if any(t.startswith(SERVICES) for t in r.resource_types)]
    result = Scanner(aws.clients).run(rules, [aws.region])
    assert result.errors == []
    for service in SERVICES:
        seen = {e.compliance for e in result.evaluations if e.resource_type.startswith(service)}
        assert {"COMPLIANT", "NON_COMPLIANT"} <= seen, service
    flagged = {(e.rule_id, e.resource_id) for e in result.evaluations if e.compliance == "NON_COMPLIANT"}
    assert ("ecr-private-image-scanning-enabled", "legacy-batch") in flagged
    assert ("ecs-container-insights-enabled", "legacy") in flagged
    assert ("eks-cluster-log-enabled", "legacy") in flagged
