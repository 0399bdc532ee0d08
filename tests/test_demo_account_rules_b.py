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


def test_the_stack_roles_cover_the_scan_and_every_fix_on_the_seed(aws, tmp_path):
    """Each call a scan and the remediations make on this seed is granted by template.yaml's roles."""
    import yaml

    from tests.test_template import TEMPLATE, _actions
    from warden.ledger import Ledger, LocalStore
    from warden.remediate import Remediator
    from warden.remediation import Mode, iam_action
    from warden.settings import Settings

    seed_rules_b(aws.clients, aws.region)
    seeded = set(aws.clients.calls)
    rules = [r for r in load_rules().all() if any(t.startswith(SERVICES) for t in r.resource_types)]
    result = Scanner(aws.clients).run(rules, [aws.region])
    template = yaml.safe_load(TEMPLATE.read_text())
    scan_calls = {iam_action(*name.split(":")) for name in set(aws.clients.calls) - seeded}
    assert scan_calls - {"sts:GetCallerIdentity"} <= _actions(template, "ConfigRuleRole")[0]
    before = set(aws.clients.calls)
    settings = Settings(default_mode=Mode.AUTO, verify_delay_seconds=0)
    engine = Remediator(aws.clients, Ledger(LocalStore(tmp_path)), settings=settings, sleep=lambda _: None)
    outcomes = {engine.handle(e).outcome for e in result.evaluations if e.compliance == "NON_COMPLIANT"}
    assert "REMEDIATED" in outcomes and "FAILED" not in outcomes
    fix_calls = {iam_action(*name.split(":")) for name in set(aws.clients.calls) - before}
    assert fix_calls - {"sts:GetCallerIdentity"} <= _actions(template, "RemediationRole")[0]
