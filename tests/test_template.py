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
from warden.template import (
    CONFIG_RULE_ACTIONS,
    DEAD_LETTER_QUEUES,
    FUNCTIONS,
    ORGANIZATION_READ_ACTIONS,
    READ_ACTIONS,
    member_read_actions,
    member_remediation_actions,
    render,
)
from warden.testing import ACCOUNT_ID

ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "template.yaml"
MEMBER = ROOT / "member.yaml"
GENERATED = [pytest.param(TEMPLATE, False, id="template.yaml"), pytest.param(MEMBER, True, id="member.yaml")]


@pytest.fixture(scope="module")
def template():
    return yaml.safe_load(TEMPLATE.read_text())


@pytest.fixture(scope="module")
def member():
    return yaml.safe_load(MEMBER.read_text())


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


@pytest.mark.parametrize(("path", "member_template"), GENERATED)
def test_committed_templates_are_generated_from_the_registries(path, member_template):
    assert path.read_text() == render(member=member_template), f"{path.name} is stale: run `make template`"


def test_cfn_lint_reports_nothing():
    lint = shutil.which("cfn-lint", path=str(Path(sys.executable).parent)) or "cfn-lint"
    done = subprocess.run([lint, str(TEMPLATE), str(MEMBER)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_checkov_reports_nothing():
    checkov = os.environ.get("WARDEN_CHECKOV") or str(ROOT / ".venv-checkov/bin/checkov")
    if not Path(checkov).exists():
        pytest.skip("checkov lives in its own venv: `make test` installs it (.venv-checkov)")
    done = subprocess.run(
        [
            checkov,
            "-f",
            str(TEMPLATE),
            "-f",
            str(MEMBER),
            "--framework",
            "cloudformation",
            "--compact",
            "--quiet",
            "--skip-download",
        ],
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
    patterns = [
        r["Properties"]["EventPattern"]
        for r in resources.values()
        if r["Type"] == "AWS::Events::Rule" and "EventBusName" not in r["Properties"]
    ]
    assert patterns == event_patterns(load_rules().all())


@pytest.mark.parametrize("path", [TEMPLATE, MEMBER], ids=["template.yaml", "member.yaml"])
def test_no_role_grants_wildcard_actions(path):
    for name, resource in yaml.safe_load(path.read_text())["Resources"].items():
        if resource["Type"] != "AWS::IAM::Role":
            continue
        for statement in _statements(resource):
            assert not any(a == "*" or a.endswith(":*") for a in statement["Action"]), (name, statement["Sid"])
            reads = {*READ_ACTIONS, *ORGANIZATION_READ_ACTIONS}
            writes = [a for a in statement["Action"] if a not in reads and not a.startswith(("config:", "kms:"))]
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


def _member_actions(member, role):
    return {
        a
        for s in member["Resources"][role]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
        for a in s["Action"]
    }


def test_member_roles_grant_exactly_what_the_registries_declare(member):
    declared_fixes = {a for entry in load_remediations().all() for a in entry.permissions}
    assert _member_actions(member, "ReadRole") == set(READ_ACTIONS) | set(CONFIG_RULE_ACTIONS)
    assert "config:PutEvaluations" in _member_actions(member, "ReadRole")
    assert _member_actions(member, "RemediationRole") == set(READ_ACTIONS) | declared_fixes
    assert set(member_read_actions()) == _member_actions(member, "ReadRole")
    assert set(member_remediation_actions()) == _member_actions(member, "RemediationRole")


def test_member_roles_trust_only_the_central_roles_inside_the_organization(member):
    trusted = {
        "ReadRole": [{"Ref": "ConfigRuleRoleArn"}, {"Ref": "TrailRoleArn"}],
        "RemediationRole": [{"Ref": "RemediationRoleArn"}],
    }
    for role, principals in trusted.items():
        [statement] = member["Resources"][role]["Properties"]["AssumeRolePolicyDocument"]["Statement"]
        assert statement["Principal"] == {"AWS": principals}, role
        assert statement["Condition"] == {"StringEquals": {"aws:PrincipalOrgID": {"Ref": "OrganizationId"}}}
    assert "*" not in yaml.safe_dump(
        [member["Resources"][r]["Properties"]["AssumeRolePolicyDocument"] for r in trusted]
    )


def test_member_accounts_forward_every_pattern_to_the_central_bus(member):
    rules = [r for r in member["Resources"].values() if r["Type"] == "AWS::Events::Rule"]
    assert [r["Properties"]["EventPattern"] for r in rules] == event_patterns(load_rules().all())
    for rule in rules:
        [target] = rule["Properties"]["Targets"]
        assert target["Arn"] == {"Ref": "CentralEventBusArn"}
        assert target["RoleArn"] == {"Fn::GetAtt": ["ForwardEventsRole", "Arn"]}
    [put] = member["Resources"]["ForwardEventsRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
    assert put["Action"] == ["events:PutEvents"] and put["Resource"] == [{"Ref": "CentralEventBusArn"}]


def test_organization_mode_replaces_the_config_rules_and_adds_the_bus(template):
    resources = template["Resources"]
    assert template["Parameters"]["OrganizationId"]["Default"] == ""
    assert template["Conditions"]["SingleAccount"] == {"Fn::Equals": [{"Ref": "OrganizationId"}, ""]}
    rules = {r.id: r for r in load_rules().all()}
    org_rules = [r for r in resources.values() if r["Type"] == "AWS::Config::OrganizationConfigRule"]
    assert all(r["Condition"] == "InOrganization" for r in org_rules)
    assert all(r["Condition"] == "SingleAccount" for r in resources.values() if r["Type"] == "AWS::Config::ConfigRule")
    by_id = {
        json.loads(r["Properties"]["OrganizationCustomRuleMetadata"]["InputParameters"])["wardenRuleId"]: r
        for r in org_rules
    }
    assert set(by_id) == set(rules)
    single = {
        r["Properties"]["InputParameters"]["wardenRuleId"]: r["Properties"]
        for r in resources.values()
        if r["Type"] == "AWS::Config::ConfigRule"
    }
    for rule_id, org_rule in by_id.items():
        metadata = org_rule["Properties"]["OrganizationCustomRuleMetadata"]
        assert metadata["LambdaFunctionArn"] == {"Fn::GetAtt": ["ConfigRuleFunction", "Arn"]}
        details = single[rule_id]["Source"]["SourceDetails"]
        assert metadata["OrganizationConfigRuleTriggerTypes"] == [d["MessageType"] for d in details]
        assert metadata.get("ResourceTypesScope") == single[rule_id].get("Scope", {}).get("ComplianceResourceTypes")
    policy = resources["OrganizationEventBusPolicy"]["Properties"]["Statement"]
    assert policy["Condition"] == {"StringEquals": {"aws:PrincipalOrgID": {"Ref": "OrganizationId"}}}
    assert policy["Action"] == "events:PutEvents"
    on_bus = [r for r in resources.values() if r["Type"] == "AWS::Events::Rule" and "EventBusName" in r["Properties"]]
    assert [r["Properties"]["EventPattern"] for r in on_bus] == event_patterns(load_rules().all())
    assert all(r["Condition"] == "InOrganization" for r in on_bus)


@pytest.mark.parametrize(
    ("role", "member_role"),
    [
        ("ConfigRuleRole", "MemberReadRoleName"),
        ("TrailRole", "MemberReadRoleName"),
        ("RemediationRole", "MemberRemediationRoleName"),
    ],
)
def test_central_functions_assume_only_their_member_role_inside_the_organization(template, role, member_role):
    statements = template["Resources"][role]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
    conditional = [s["Fn::If"] for s in statements if "Fn::If" in s]
    granted = {branch["Sid"]: branch for condition, branch, _ in conditional if condition == "InOrganization"}
    assume = granted["AssumeMemberRole"]
    assert assume["Action"] == ["sts:AssumeRole"]
    assert assume["Resource"] == [{"Fn::Sub": f"arn:${{AWS::Partition}}:iam::*:role/${{{member_role}}}"}]
    assert assume["Condition"] == {"StringEquals": {"aws:ResourceOrgID": {"Ref": "OrganizationId"}}}
    assert granted["ListOrganizationAccounts"]["Action"] == ["organizations:ListAccounts"]
    assert not any("sts:AssumeRole" in s.get("Action", []) for s in statements if "Fn::If" not in s)


def test_alarms_cover_every_dead_letter_queue_function_and_failed_remediation(template):
    alarms = [r["Properties"] for r in template["Resources"].values() if r["Type"] == "AWS::CloudWatch::Alarm"]
    assert all(a["AlarmActions"] == [{"Ref": "AlarmTopic"}] for a in alarms)
    watched = {(a["Namespace"], a["MetricName"], json.dumps(a["Dimensions"][0]["Value"])) for a in alarms}
    for queue in DEAD_LETTER_QUEUES:
        assert (
            "AWS/SQS",
            "ApproximateNumberOfMessagesVisible",
            json.dumps({"Fn::GetAtt": [queue, "QueueName"]}),
        ) in watched
    for function in FUNCTIONS:
        for metric in ("Errors", "Throttles"):
            assert ("AWS/Lambda", metric, json.dumps({"Ref": function})) in watched
    functions = {n for n, r in template["Resources"].items() if r["Type"] == "AWS::Serverless::Function"}
    assert functions == set(FUNCTIONS)
    dead_letter_targets = set()
    for resource in template["Resources"].values():
        properties = resource.get("Properties", {})
        targets = [
            properties.get("RedrivePolicy", {}).get("deadLetterTargetArn"),
            properties.get("DeadLetterQueue", {}).get("TargetArn"),
            *(t.get("DeadLetterConfig", {}).get("Arn") for t in properties.get("Targets", [])),
        ]
        dead_letter_targets |= {t["Fn::GetAtt"][0] for t in targets if t}
    assert dead_letter_targets == set(DEAD_LETTER_QUEUES)
    assert ("Warden", "RemediationsFailed", json.dumps("warden-remediation")) in watched
    assert "KmsMasterKeyId" in template["Resources"]["AlarmTopic"]["Properties"]


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
