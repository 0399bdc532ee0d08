"""The rules-d seed: each family has a compliant and a non-compliant resource, and the edge story holds."""

from __future__ import annotations

from collections import defaultdict

from warden.demo_account import allow_plain_http_at_edge, api_edge_distribution, seed_rules_d
from warden.ledger import Ledger, LocalStore
from warden.registry import load_rules
from warden.remediate import Remediator
from warden.remediation import Mode
from warden.scan import Scanner
from warden.settings import Settings

RULES = [
    "cloudfront-viewer-policy-https",
    "alb-http-to-https-redirection-check",
    "api-gwv2-authorization-type-configured",
    "s3-default-encryption-kms",
    "s3-bucket-public-read-prohibited",
]


def test_seed_gives_every_family_both_verdicts(aws):
    seed_rules_d(aws.clients, "us-east-1")
    result = Scanner(aws.clients).run([load_rules().get(r) for r in RULES], ["us-east-1"])
    assert result.errors == []
    seen = defaultdict(set)
    for evaluation in result.evaluations:
        seen[evaluation.rule_id].add(evaluation.compliance.value)
    for rule_id in RULES:
        assert {"COMPLIANT", "NON_COMPLIANT"} <= seen[rule_id], rule_id


def test_the_edge_story_the_update_is_detected_and_reverted(aws, moto_item, tmp_path):
    distribution = api_edge_distribution(aws.clients, "us-east-1", "a1b2c3.execute-api.us-east-1.amazonaws.com")
    rule = load_rules().get("cloudfront-viewer-policy-https")

    def read():
        return rule.run(moto_item("AWS::CloudFront::Distribution", distribution, rule.id))

    assert read().compliance == "COMPLIANT"
    parameters = allow_plain_http_at_edge(aws.clients, "us-east-1", distribution)
    assert parameters["distributionConfig"]["defaultCacheBehavior"]["viewerProtocolPolicy"] == "allow-all"
    record = {
        "eventSource": "cloudfront.amazonaws.com",
        "eventName": "UpdateDistribution",
        "requestParameters": parameters,
    }
    update = next(t for t in rule.cloudtrail if "UpdateDistribution" in t.events)
    assert update.resolve_resource_id(record) == distribution
    finding = read()
    assert finding.compliance == "NON_COMPLIANT"
    settings = Settings(default_mode=Mode.AUTO, verify_delay_seconds=0)
    remediator = Remediator(aws.clients, Ledger(LocalStore(tmp_path)), settings=settings, sleep=lambda _: None)
    assert remediator.handle(finding).outcome == "REMEDIATED"
    assert read().compliance == "COMPLIANT"
