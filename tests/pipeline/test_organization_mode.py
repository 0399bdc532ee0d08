"""Organization mode: the central functions act in the account an event or finding names, through the
member roles, and refuse accounts outside the organization. On moto's multi-account support: assuming a
role whose ARN names another account acts in that account, and Organizations' create_account gives the
member ids."""

from __future__ import annotations

import copy
import json

import pytest
import warden.remediations.handler as remediation_lambda
from botocore.stub import ANY, Stubber
from warden.remediations.worker import admission
from warden.rules.configrule import ConfigRuleService
from warden.trail.detector import Detector
from warden.trail.patterns import CLOUDTRAIL_DETAIL_TYPE, source_for

from warden.collectors import collector_for
from warden.demo import cloudtrail_record
from warden.findings import Publisher, finding_for
from warden.ledger import Ledger, S3Store
from warden.organization import MemberClients, Members, role_arn
from warden.pipeline import SqsPoller, create_stack, recording_processor
from warden.registry import load_rules

RULE = "s3-bucket-versioning-enabled"
READ_ROLE = "warden-member-read"
REMEDIATION_ROLE = "warden-member-remediation"
OUTSIDER = "999999999999"
CONFIG_SERVICE_LINKED_ROLE = "config.amazonaws.com/AWSServiceRoleForConfig"


@pytest.fixture
def member(aws):
    """An organization with one member account besides Warden's own; the member's id."""
    organizations = aws.client("organizations")
    organizations.create_organization(FeatureSet="ALL")
    return organizations.create_account(AccountName="workload", Email="workload@example.com")["CreateAccountStatus"][
        "AccountId"
    ]


@pytest.fixture
def assumed(aws):
    """The role ARNs Warden's own clients assume, in order."""
    arns: list[str] = []
    aws.client("sts").meta.events.register(
        "before-parameter-build.sts.AssumeRole", lambda params, **_: arns.append(params["RoleArn"])
    )
    return arns


def _unversioned_buckets(aws, member):
    """`central-data` in Warden's own account, `member-data` in the member account."""
    aws.client("s3").create_bucket(Bucket="central-data")
    in_member = MemberClients(aws.clients, Members(aws.clients), READ_ROLE)(member)
    in_member.client("s3", "us-east-1").create_bucket(Bucket="member-data")
    return in_member


def organization_rule_event(samples, account: str) -> dict:
    """The event an AWS::Config::OrganizationConfigRule invokes the central function with.

    It is an ordinary custom-rule event (AWS Config Developer Guide, "Example events for AWS Config rules":
    docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_example-events.html) sent
    from the member account's rule (config-rule-multi-account-deployment.html): `accountId` and the rule ARN
    name the member, and where Config is enabled through StackSets `executionRoleArn` is its service-linked
    AWSServiceRoleForConfig, which a function cannot assume (awslabs/aws-config-rdk#338).
    """
    event = json.loads((samples / "config-events" / "awsdocs_periodic_event.json").read_text())
    invoking = json.loads(event["invokingEvent"])
    invoking["awsAccountId"] = account
    return {
        **event,
        "invokingEvent": json.dumps(invoking),
        "ruleParameters": json.dumps({"wardenRuleId": RULE}),
        "accountId": account,
        "executionRoleArn": f"arn:aws:iam::{account}:role/aws-service-role/{CONFIG_SERVICE_LINKED_ROLE}",
        "configRuleArn": f"arn:aws:config:us-east-1:{account}:config-rule/config-rule-0123456",
        "configRuleName": f"OrgConfigRule-warden-{RULE}-abcdefgh",
    }


def _config_service(aws):
    member_clients = MemberClients(aws.clients, Members(aws.clients), READ_ROLE)
    service = ConfigRuleService(
        aws.clients, load_rules(), None, "us-east-1", report_vanished=False, member_clients=member_clients
    )
    return service, member_clients


def test_a_member_accounts_rule_event_is_evaluated_and_reported_in_that_account(aws, member, samples, assumed):
    _unversioned_buckets(aws, member)
    service, member_clients = _config_service(aws)
    event = organization_rule_event(samples, member)
    in_member = member_clients(member)  # the clients the service acts with there (assumed once, kept)
    config = in_member.client("config", "us-east-1")
    calls = []
    config.meta.events.register(
        "before-parameter-build.config.PutEvaluations", lambda params, **_: calls.append(copy.deepcopy(params))
    )
    with Stubber(config) as stub:  # moto stores no PutEvaluations outside test mode
        stub.add_response(
            "put_evaluations",
            {"FailedEvaluations": []},
            {"Evaluations": ANY, "ResultToken": event["resultToken"], "TestMode": False},
        )
        outcome = service.handle(event)
        stub.assert_no_pending_responses()

    assert outcome.status == "served", outcome.reason
    assert [(e.resource_id, e.account_id, e.compliance.value) for e in outcome.evaluations] == [
        ("member-data", member, "NON_COMPLIANT")
    ]
    assert [e["ComplianceResourceId"] for e in calls[0]["Evaluations"]] == ["member-data"]
    assert set(assumed) == {role_arn("aws", member, READ_ROLE)}  # never the event's executionRoleArn
    assert in_member.account_id == member


def test_a_rule_event_of_an_account_outside_the_organization_is_rejected_unread(aws, member, samples, assumed):
    service, _ = _config_service(aws)
    outcome = service.handle(organization_rule_event(samples, OUTSIDER))
    assert outcome.status == "rejected"
    assert f"account {OUTSIDER} is not an active member of the organization" in outcome.reason
    assert assumed == [] and outcome.put_calls == 0


def _envelope(record, account):
    return {
        "version": "0",
        "id": "7bf73129-1428-4cd3-a780-95db273d1602",
        "detail-type": CLOUDTRAIL_DETAIL_TYPE,
        "source": source_for(record["eventSource"]),
        "account": account,
        "time": "2026-11-29T12:00:00Z",
        "region": "us-east-1",
        "resources": [],
        "detail": record,
    }


@pytest.fixture
def detector(aws, findings):
    return Detector(
        aws.clients,
        load_rules(),
        findings.publisher,
        account_id=aws.account_id,
        own_roles=[f"arn:aws:iam::{aws.account_id}:role/warden-remediation"],
        member_clients=MemberClients(aws.clients, Members(aws.clients), READ_ROLE),
        member_remediation_role=REMEDIATION_ROLE,
    )


def _versioning_event(account, actor, bucket="member-data"):
    record = cloudtrail_record("s3.amazonaws.com", "PutBucketVersioning", {"bucketName": bucket}, account, actor)
    return _envelope(record, account)


def test_a_member_accounts_cloudtrail_event_is_re_read_in_that_account(aws, member, detector, findings, assumed):
    _unversioned_buckets(aws, member)
    detection = detector.handle(_versioning_event(member, f"arn:aws:iam::{member}:user/dev"))
    assert detection.status == "evaluated", detection.reason
    assert {(e.resource_id, e.account_id) for e in detection.evaluations} == {("member-data", member)}
    published = [m["body"] for m in findings.received()]
    assert RULE in {f["rule_id"] for f in published}
    assert {(f["account_id"], f["resource_id"]) for f in published} == {(member, "member-data")}
    assert set(assumed) == {role_arn("aws", member, READ_ROLE)}


def test_the_member_remediation_roles_own_change_is_ignored(aws, member, detector):
    actor = role_arn("aws", member, REMEDIATION_ROLE)
    detection = detector.handle(_versioning_event(member, actor))
    assert detection.status == "ignored" and "Warden's own remediation" in detection.reason


def test_a_cloudtrail_event_of_an_account_outside_the_organization_is_rejected(aws, member, detector, assumed):
    detection = detector.handle(_versioning_event(OUTSIDER, f"arn:aws:iam::{OUTSIDER}:user/dev"))
    assert detection.status == "rejected" and OUTSIDER in detection.reason
    assert assumed == []
    event = _versioning_event(member, f"arn:aws:iam::{member}:user/dev")
    event["detail"]["recipientAccountId"] = OUTSIDER
    assert detector.handle(event).status == "rejected"


@pytest.fixture
def stack(aws, member, monkeypatch):
    built = create_stack(aws.clients, load_rules().all())
    settings = {"remediation": {"default_mode": "auto", "verify_delay_seconds": 0}}
    for key, value in {
        "WARDEN_SETTINGS_JSON": json.dumps(settings),
        "WARDEN_IDEMPOTENCY_TABLE": built.table,
        "WARDEN_AUDIT_BUCKET": built.audit_bucket,
        "WARDEN_DLQ_URL": built.remediation_dlq_url,
        "WARDEN_MEMBER_REMEDIATION_ROLE": REMEDIATION_ROLE,
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(remediation_lambda, "_worker", None)  # a fresh container
    monkeypatch.setattr(remediation_lambda, "processor", recording_processor())
    return built


def _remediate(aws, stack, finding):
    Publisher(aws.client("sns"), stack.topic_arn).publish([finding])
    SqsPoller(
        aws.clients,
        stack.remediation_queue_url,
        stack.remediation_queue_arn,
        remediation_lambda.lambda_handler,
        "warden-remediation",
    ).drain()
    return list(Ledger(S3Store(aws.client("s3"), stack.audit_bucket)).records())


def _finding(in_account, account, bucket):
    rule = load_rules().get(RULE)
    item = collector_for("AWS::S3::Bucket").read(in_account, "us-east-1", account, bucket, rule.attributes)
    return finding_for(rule.run(item), "cloudtrail", source_event_id=f"event-{bucket}")


def test_a_member_accounts_finding_is_remediated_through_its_member_role(aws, member, stack):
    in_member = _unversioned_buckets(aws, member)
    records = _remediate(aws, stack, _finding(in_member, member, "member-data"))

    assert in_member.client("s3", "us-east-1").get_bucket_versioning(Bucket="member-data")["Status"] == "Enabled"
    assert aws.client("s3").get_bucket_versioning(Bucket="central-data").get("Status") is None
    remediated = [r for r in records if r["outcome"] == "REMEDIATED"]
    assert [r["account"] for r in remediated] == [member]
    assert remediated[0]["actor"].startswith(f"arn:aws:sts::{member}:assumed-role/{REMEDIATION_ROLE}/")


def test_a_spoofed_finding_naming_an_account_outside_the_organization_is_rejected_and_audited(aws, member, stack):
    aws.client("s3").create_bucket(Bucket="central-data")
    genuine = _finding(aws.clients, aws.account_id, "central-data")
    evaluation = genuine.evaluation
    spoofed = finding_for(
        type(evaluation)(
            **{**evaluation.__dict__, "account_id": OUTSIDER, "resource_arn": "arn:aws:s3:::central-data"}
        ),
        "cloudtrail",
        source_event_id="spoofed",
    )
    records = _remediate(aws, stack, spoofed)

    [rejected] = [r for r in records if r["outcome"] == "REJECTED"]
    assert rejected["error_code"] == "ForeignAccount" and OUTSIDER in rejected["detail"]
    assert not [r for r in records if r["outcome"] in ("INTENT", "REMEDIATED")]
    assert aws.client("s3").get_bucket_versioning(Bucket="central-data").get("Status") is None
    dead = aws.client("sqs").receive_message(QueueUrl=stack.remediation_dlq_url, MessageAttributeNames=["All"])
    assert len(dead["Messages"]) == 1


def test_single_account_mode_still_refuses_every_other_account(aws, member):
    in_member = _unversioned_buckets(aws, member)
    finding = _finding(in_member, member, "member-data")
    single = admission(finding, account_id=aws.account_id, partition="aws", registry=load_rules())
    assert single is not None and single.code == "ForeignAccount"
    members = Members(aws.clients)
    assert (
        admission(finding, account_id=aws.account_id, partition="aws", registry=load_rules(), members=members) is None
    )


def test_the_handlers_switch_to_organization_mode_from_their_environment(
    aws, member, samples, findings, context, monkeypatch
):
    import warden.rules.handler as config_lambda
    import warden.trail.handler as trail_lambda

    _unversioned_buckets(aws, member)
    monkeypatch.setenv("WARDEN_FINDINGS_TOPIC_ARN", findings.topic_arn)
    monkeypatch.setenv("WARDEN_MEMBER_READ_ROLE", READ_ROLE)
    monkeypatch.setenv("WARDEN_MEMBER_REMEDIATION_ROLE", REMEDIATION_ROLE)
    monkeypatch.setattr(config_lambda, "_service", None)
    monkeypatch.setattr(trail_lambda, "_detector", None)

    rejected = config_lambda.lambda_handler(organization_rule_event(samples, OUTSIDER), context)
    assert rejected["status"] == "rejected" and OUTSIDER in rejected["reason"]
    detected = trail_lambda.lambda_handler(_versioning_event(member, f"arn:aws:iam::{member}:user/dev"), context)
    assert detected["status"] == "evaluated"
    assert {e["account_id"] for e in detected["evaluations"]} == {member}
