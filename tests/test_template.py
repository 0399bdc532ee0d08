"""template.yaml: generated, lint-clean, and least privilege that still covers every call Warden makes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from warden.trail.patterns import event_patterns

from warden.findings import Publisher, finding_for
from warden.model import Compliance, Evaluation, Severity
from warden.registry import load_rules
from warden.remediation import iam_action, load_remediations
from warden.template import READ_ACTIONS, render
from warden.testing import ACCOUNT_ID

ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "template.yaml"


@pytest.fixture(scope="module")
def template():
    return yaml.safe_load(TEMPLATE.read_text())


def _statements(role: dict) -> list[dict]:
    """A role's statements, each branch of a conditional statement included."""
    out = []
    for statement in role["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]:
        branches = statement["Fn::If"][1:] if "Fn::If" in statement else [statement]
        out += [b for b in branches if "Action" in b]
    return out


def _actions(template, role):
    statements = _statements(template["Resources"][role])
    return {action for s in statements for action in s["Action"]}, statements


def test_committed_template_is_generated_from_the_registries():
    assert TEMPLATE.read_text() == render(), "template.yaml is stale: run `make template`"


def test_cfn_lint_reports_nothing():
    lint = shutil.which("cfn-lint", path=str(Path(sys.executable).parent)) or "cfn-lint"
    done = subprocess.run([lint, str(TEMPLATE)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_checkov_reports_nothing():
    checkov = os.environ.get("WARDEN_CHECKOV") or str(ROOT / ".venv-checkov/bin/checkov")
    if not Path(checkov).exists():
        pytest.skip("checkov lives in its own venv: `make test` installs it (.venv-checkov)")
    done = subprocess.run(
        [checkov, "-f", str(TEMPLATE), "--framework", "cloudformation", "--compact", "--quiet", "--skip-download"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "Failed checks: 0" in done.stdout


def test_every_rule_is_a_config_rule_and_every_pattern_a_eventbridge_rule(template):
    resources = template["Resources"]
    config_rules = {
        r["Properties"]["InputParameters"]["wardenRuleId"]
        for r in resources.values()
        if r["Type"] == "AWS::Config::ConfigRule"
    }
    assert config_rules == {r.id for r in load_rules().all()}
    patterns = [r["Properties"]["EventPattern"] for r in resources.values() if r["Type"] == "AWS::Events::Rule"]
    assert patterns == event_patterns(load_rules().all())


def test_no_role_grants_wildcard_actions(template):
    for name, resource in template["Resources"].items():
        if resource["Type"] != "AWS::IAM::Role":
            continue
        for statement in _statements(resource):
            assert not any(a == "*" or a.endswith(":*") for a in statement["Action"]), (name, statement["Sid"])
            writes = [a for a in statement["Action"] if a not in READ_ACTIONS and not a.startswith(("config:", "kms:"))]
            if statement["Resource"] == ["*"]:
                assert not writes or "Condition" in statement, (name, statement["Sid"], writes)


def test_remediation_role_holds_every_declared_permission(template):
    actions, _ = _actions(template, "RemediationRole")
    for entry in load_remediations().all():
        assert set(entry.permissions) <= actions, entry.id


def test_roles_cover_every_call_a_scan_and_the_remediations_make(aws, tmp_path):
    """Run the demo account through a scan and every remediation; each call's IAM action must be granted."""
    from warden.demo_account import seed
    from warden.ledger import Ledger, LocalStore
    from warden.remediate import Remediator
    from warden.remediation import Mode
    from warden.scan import Scanner
    from warden.settings import Settings

    template = yaml.safe_load(TEMPLATE.read_text())
    seed(aws.clients)
    result = Scanner(aws.clients).run(load_rules().all(), ["us-east-1"])
    scan_calls = {iam_action(*name.split(":")) for name in aws.clients.calls}
    config_actions, _ = _actions(template, "ConfigRuleRole")
    seeding = {
        "s3:CreateBucket",
        "s3:PutBucketPolicy",
        "s3:PutBucketVersioning",
        "s3:PutBucketPublicAccessBlock",
        "s3:PutBucketLogging",
        "apigateway:POST",
        "apigateway:PUT",
        "apigateway:PATCH",
        "cloudtrail:CreateTrail",
        "cloudtrail:StartLogging",
        "ec2:DescribeVpcs",
        "ec2:CreateSecurityGroup",
        "ec2:AuthorizeSecurityGroupIngress",
        "iam:CreatePolicy",
        "iam:CreateUser",
        "iam:AttachUserPolicy",
        "iam:CreateAccessKey",
        "sts:GetCallerIdentity",
    }
    assert scan_calls - seeding <= config_actions
    before = set(aws.clients.calls)
    engine = Remediator(
        aws.clients,
        Ledger(LocalStore(tmp_path)),
        settings=Settings(default_mode=Mode.AUTO, verify_delay_seconds=0),
        sleep=lambda _: None,
    )
    for evaluation in result.evaluations:
        if evaluation.compliance == "NON_COMPLIANT":
            engine.handle(evaluation)
    remediation_calls = {iam_action(*name.split(":")) for name in set(aws.clients.calls) - before}
    remediation_actions, _ = _actions(template, "RemediationRole")
    assert remediation_calls - {"sts:GetCallerIdentity"} <= remediation_actions


def test_the_report_role_imports_into_security_hub_only_when_the_stack_says_so(template):
    statements = template["Resources"]["ReportRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
    [conditional] = [s for s in statements if "Fn::If" in s]
    condition, granted, otherwise = conditional["Fn::If"]
    assert condition == "ImportToSecurityHub" and otherwise == {"Ref": "AWS::NoValue"}
    assert granted["Action"] == ["securityhub:BatchImportFindings"]
    assert template["Conditions"]["ImportToSecurityHub"] == {"Fn::Equals": [{"Ref": "SecurityHubImport"}, "true"]}
    columns = [
        c["Name"]
        for c in template["Resources"]["ReportsTable"]["Properties"]["TableInput"]["StorageDescriptor"]["Columns"]
    ]
    from warden.reports.lake import COLUMNS

    assert columns == [name for name, _ in COLUMNS]


def test_findings_are_e_mailed_only_when_an_address_is_given(template):
    subscription = template["Resources"]["FindingsEmailSubscription"]
    assert subscription["Condition"] == "EmailFindings"
    assert template["Conditions"]["EmailFindings"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "NotificationEmail"}, ""]}]}
    properties = subscription["Properties"]
    assert properties["Protocol"] == "email" and properties["Endpoint"] == {"Ref": "NotificationEmail"}
    assert properties["TopicArn"] == {"Ref": "FindingsTopic"}
    pattern = re.compile(template["Parameters"]["NotificationEmail"]["AllowedPattern"])
    assert [bool(pattern.fullmatch(a)) for a in ("", "security@example.com", "security", "a b@example.com")] == [
        True,
        True,
        False,
        False,
    ]


@pytest.mark.parametrize(
    ("minimum", "e_mailed"),
    [("MEDIUM", {"MEDIUM", "HIGH", "CRITICAL"}), ("HIGH", {"HIGH", "CRITICAL"}), ("INFORMATIONAL", set(Severity))],
)
def test_the_e_mail_filter_lets_through_the_findings_at_or_above_the_chosen_severity(template, aws, minimum, e_mailed):
    """The mapping the subscription's filter reads, applied by SNS to the attributes the Publisher sets."""
    properties = template["Resources"]["FindingsEmailSubscription"]["Properties"]
    assert properties["FilterPolicy"] == {
        "severity": {"Fn::FindInMap": ["SeverityFilter", {"Ref": "NotificationMinimumSeverity"}, "Severities"]}
    }
    assert template["Parameters"]["NotificationMinimumSeverity"]["Default"] == "MEDIUM"
    assert minimum in template["Parameters"]["NotificationMinimumSeverity"]["AllowedValues"]
    policy = {"severity": template["Mappings"]["SeverityFilter"][minimum]["Severities"]}
    sns, sqs = aws.client("sns"), aws.client("sqs")
    topic = sns.create_topic(Name="findings")["TopicArn"]
    inbox = sqs.create_queue(QueueName="inbox")["QueueUrl"]
    inbox_arn = sqs.get_queue_attributes(QueueUrl=inbox, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    # SNS applies a filter policy the same way to every protocol; a queue shows what an e-mail would receive.
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=inbox_arn,
        Attributes={"FilterPolicy": json.dumps(policy), "FilterPolicyScope": properties["FilterPolicyScope"]},
    )
    findings = [
        finding_for(
            Evaluation(
                "example-rule",
                ("X.1",),
                severity,
                "AWS::SQS::Queue",
                f"q-{severity.value}",
                f"arn:aws:sqs:us-east-1:{ACCOUNT_ID}:q-{severity.value}",
                "us-east-1",
                ACCOUNT_ID,
                Compliance.NON_COMPLIANT,
                "not encrypted",
                None,
            ),
            source="config-rule",
        )
        for severity in Severity
    ]
    assert Publisher(sns, topic).publish(findings).refused == ()
    received = sqs.receive_message(QueueUrl=inbox, MaxNumberOfMessages=10).get("Messages", [])
    assert {json.loads(json.loads(m["Body"])["Message"])["severity"] for m in received} == e_mailed
