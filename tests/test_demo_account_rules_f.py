"""The rules-f seed: each service gives its rules both verdicts where moto can model both."""

from __future__ import annotations

from collections import defaultdict

from warden.demo_account import seed_rules_f
from warden.registry import load_rules
from warden.scan import Scanner

BOTH = [
    "s3-version-lifecycle-policy-check",
    "s3-event-notifications-enabled",
    "ec2-transit-gateway-auto-vpc-attach-disabled",
    "ec2-launch-template-public-ip-disabled",
    "service-vpc-endpoint-enabled",
    "ec2-instance-multiple-eni-check",
    "kinesis-stream-encrypted",
    "efs-encrypted-check",
    "efs-access-point-enforce-root-directory",
    "efs-access-point-enforce-user-identity",
]


def test_seed_gives_every_service_its_verdicts(aws):
    seed_rules_f(aws.clients, "us-east-1")
    rules = [*BOTH, "sns-topic-message-delivery-notification-enabled", "guardduty-enabled-centralized"]
    result = Scanner(aws.clients).run([load_rules().get(r) for r in rules], ["us-east-1"])
    assert result.errors == []
    seen = defaultdict(set)
    for evaluation in result.evaluations:
        seen[evaluation.rule_id].add(evaluation.compliance.value)
    for rule_id in BOTH:
        assert {"COMPLIANT", "NON_COMPLIANT"} <= seen[rule_id], rule_id
    assert "NON_COMPLIANT" in seen["sns-topic-message-delivery-notification-enabled"]
    assert seen["guardduty-enabled-centralized"] == {"NON_COMPLIANT"}
