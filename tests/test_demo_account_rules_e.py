"""The rules-e seed: every new load balancer rule sees a compliant and a non-compliant resource."""

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
]


def test_seed_gives_every_rule_both_verdicts(aws):
    seed_rules_e(aws.clients, "us-east-1")
    result = Scanner(aws.clients).run([load_rules().get(r) for r in RULES], ["us-east-1"])
    assert result.errors == []
    seen = defaultdict(set)
    for evaluation in result.evaluations:
        seen[evaluation.rule_id].add(evaluation.compliance.value)
    for rule_id in RULES:
        assert {"COMPLIANT", "NON_COMPLIANT"} <= seen[rule_id], rule_id
