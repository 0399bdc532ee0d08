"""The rules-e seed: every new load balancer and RDS rule sees a compliant and a non-compliant resource."""

from __future__ import annotations

from collections import defaultdict

from warden.demo_account import seed_rules_e
from warden.registry import load_rules
from warden.scan import Scanner

RULES = [
    "elb-acm-certificate-required",
    "elb-tls-https-listeners-only",
    "elb-connection-draining-enabled",
    "elb-predefined-security-policy-ssl-check",
    "elb-cross-zone-load-balancing-enabled",
    "clb-multiple-az",
    "alb-desync-mode-check",
    "elbv2-multiple-az",
    "clb-desync-mode-check",
    "rds-cluster-iam-authentication-enabled",
    "aurora-mysql-backtracking-enabled",
    "rds-cluster-copy-tags-to-snapshots-enabled",
    "rds-cluster-default-admin-check",
    "rds-instance-default-admin-check",
    "rds-cluster-event-notifications-configured",
    "rds-instance-event-notifications-configured",
    "rds-pg-event-notifications-configured",
    "rds-sg-event-notifications-configured",
]
# moto reports every DB cluster as single-AZ: only the failing side can be seeded.
ONLY_FAILS_ON_MOTO = ["rds-cluster-multi-az-enabled"]


def test_seed_gives_every_rule_both_verdicts(aws):
    seed_rules_e(aws.clients, "us-east-1")
    result = Scanner(aws.clients).run([load_rules().get(r) for r in RULES + ONLY_FAILS_ON_MOTO], ["us-east-1"])
    assert result.errors == []
    seen = defaultdict(set)
    for evaluation in result.evaluations:
        seen[evaluation.rule_id].add(evaluation.compliance.value)
    for rule_id in RULES:
        assert {"COMPLIANT", "NON_COMPLIANT"} <= seen[rule_id], rule_id
    assert seen["rds-cluster-multi-az-enabled"] == {"NON_COMPLIANT"}
