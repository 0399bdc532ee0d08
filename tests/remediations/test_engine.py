"""Safety controls around every remediation: modes, exemptions, blast radius, approval, verification."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.remediations.conftest import write_calls
from warden.exemptions import Exemptions, ExemptionsError
from warden.model import WardenError
from warden.remediate import RunBudget, merge, pending_plans
from warden.remediation import Mode
from warden.settings import Settings, SettingsError
from warden.testing import inject_fault

RULE = "s3-bucket-versioning-enabled"
TODAY = dt.date(2026, 11, 29)


def _buckets(aws, *names, tags=None):
    s3 = aws.client("s3")
    for name in names:
        s3.create_bucket(Bucket=name)
        if tags:
            s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": [{"Key": k, "Value": v} for k, v in tags.items()]})
    return names


def _status(aws, name):
    return aws.client("s3").get_bucket_versioning(Bucket=name).get("Status", "Off")


def test_default_install_only_plans(aws, finding, remediator, ledger):
    (name,) = _buckets(aws, "data")
    before = dict(aws.clients.calls)
    result = remediator(settings=Settings()).handle(finding(RULE, "AWS::S3::Bucket", name))
    assert result.outcome == "PLANNED" and Settings().default_mode == Mode.DRY_RUN
    assert _status(aws, name) == "Off" and write_calls(aws.clients, before) == {}
    planned = list(ledger.records())[-1]
    assert planned["mode"] == "dry-run" and planned["plan"]["calls"][0]["operation"] == "put_bucket_versioning"
    assert '+  "versioning": "Enabled"' in result.plan.diff()


@pytest.mark.parametrize("mode,outcome", [(Mode.OFF, "SKIPPED"), (Mode.NOTIFY, "NOTIFIED")])
def test_off_and_notify_change_nothing_and_are_audited(aws, finding, remediator, ledger, mode, outcome):
    (name,) = _buckets(aws, "data")
    result = remediator(settings=Settings(modes={RULE: mode})).handle(finding(RULE, "AWS::S3::Bucket", name))
    assert result.outcome == outcome and _status(aws, name) == "Off"
    assert [r["outcome"] for r in ledger.records()] == ["DETECTED", outcome]


def test_exemption_tag_skips_and_is_audited(aws, finding, remediator, ledger):
    (name,) = _buckets(aws, "legacy", tags={"warden:exempt": f"s3-bucket-ssl-requests-only, {RULE}"})
    result = remediator().handle(finding(RULE, "AWS::S3::Bucket", name))
    assert result.outcome == "EXEMPT" and "warden:exempt" in result.detail
    assert _status(aws, name) == "Off"
    assert list(ledger.records())[-1]["outcome"] == "EXEMPT"


def test_exemption_tag_for_another_rule_does_not_apply(aws, finding, remediator):
    (name,) = _buckets(aws, "legacy", tags={"warden:exempt": "s3-bucket-ssl-requests-only"})
    assert remediator().handle(finding(RULE, "AWS::S3::Bucket", name)).outcome == "REMEDIATED"


def _exemptions(expires, resource="arn:aws:s3:::legacy-*"):
    return Exemptions.from_dict(
        {
            "exemptions": [
                {
                    "rule": RULE,
                    "resource": resource,
                    "owner": "data-team",
                    "reason": "migration to the new lake",
                    "expires": expires,
                }
            ]
        }
    )


def test_exemption_file_with_pattern_applies_until_it_expires(aws, finding, remediator, ledger):
    names = _buckets(aws, "legacy-a", "legacy-b")
    active = remediator(exemptions=_exemptions("2026-12-31"), today=TODAY)
    assert active.handle(finding(RULE, "AWS::S3::Bucket", names[0])).outcome == "EXEMPT"
    expired = _exemptions("2026-11-01")
    assert [e.owner for e in expired.expired(TODAY)] == ["data-team"]
    result = remediator(exemptions=expired, today=TODAY).handle(finding(RULE, "AWS::S3::Bucket", names[1]))
    assert result.outcome == "REMEDIATED" and _status(aws, names[1]) == "Enabled"
    detected = [r for r in ledger.records() if r["resource_id"] == names[1]]
    assert detected[-1]["outcome"] == "REMEDIATED"


def test_expired_exemption_is_named_when_only_planning(aws, finding, remediator):
    (name,) = _buckets(aws, "legacy-c")
    result = remediator(Mode.DRY_RUN, exemptions=_exemptions("2026-01-01"), today=TODAY).handle(
        finding(RULE, "AWS::S3::Bucket", name)
    )
    assert result.outcome == "PLANNED" and "expired exemption" in result.detail and "data-team" in result.detail


@pytest.mark.parametrize(
    "document,message",
    [
        ({"exemptions": [{"rule": RULE, "resource": "x", "owner": "o", "reason": "long enough reason"}]}, "expires"),
        (
            {"exemptions": [{"rule": RULE, "resource": "x", "owner": "o", "reason": "short", "expires": "2027-01-01"}]},
            "reason",
        ),
        (
            {
                "exemptions": [
                    {
                        "rule": "Bad Rule",
                        "resource": "x",
                        "owner": "o",
                        "reason": "long enough reason",
                        "expires": "2027-01-01",
                    }
                ]
            },
            "rule",
        ),
    ],
)
def test_invalid_exemption_files_are_rejected_with_the_place(document, message):
    with pytest.raises(ExemptionsError, match=message):
        Exemptions.from_dict(document)


def test_settings_file(tmp_path):
    path = tmp_path / "warden.toml"
    path.write_text(
        '[remediation]\ndefault_mode = "notify"\nmax_changes_per_rule = 3\n'
        '[remediation.modes]\n"s3-enforce-ssl" = "auto"\n[parameters.access-keys-rotated]\nmaxAccessKeyAge = 30\n'
    )
    settings = Settings.load(path)
    assert settings.mode("anything") == Mode.NOTIFY and settings.mode("s3-enforce-ssl") == Mode.AUTO
    assert settings.max_changes_per_rule == 3 and settings.parameters["access-keys-rotated"] == {"maxAccessKeyAge": 30}
    path.write_text('[remediation]\ndefault_mode = "yolo"\n')
    with pytest.raises(SettingsError, match="default_mode"):
        Settings.load(path)


def test_blast_radius_caps_changes_per_rule_and_reports_the_overflow(aws, finding, remediator, ledger):
    names = _buckets(aws, "a-1", "a-2", "a-3")
    engine = remediator(settings=Settings(default_mode=Mode.AUTO, max_changes_per_rule=2, verify_delay_seconds=0))
    outcomes = [engine.handle(finding(RULE, "AWS::S3::Bucket", n)).outcome for n in names]
    assert outcomes == ["REMEDIATED", "REMEDIATED", "CAPPED"]
    assert [_status(aws, n) for n in names] == ["Enabled", "Enabled", "Off"]
    assert isinstance(engine.budget, RunBudget) and engine.budget.refused[RULE] == 1
    assert [r["outcome"] for r in ledger.records()].count("CAPPED") == 1


def test_a_resource_fixed_meanwhile_is_not_touched(aws, finding, remediator):
    (name,) = _buckets(aws, "data")
    evaluation = finding(RULE, "AWS::S3::Bucket", name)
    aws.client("s3").put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    before = dict(aws.clients.calls)
    result = remediator().handle(evaluation)
    assert result.outcome == "SKIPPED" and write_calls(aws.clients, before) == {}


def test_a_deleted_resource_is_skipped(aws, finding, remediator):
    (name,) = _buckets(aws, "data")
    evaluation = finding(RULE, "AWS::S3::Bucket", name)
    aws.client("s3").delete_bucket(Bucket=name)
    result = remediator().handle(evaluation)
    assert result.outcome == "SKIPPED" and "no longer exists" in result.detail


def test_a_fix_the_rule_does_not_accept_is_a_failure(aws, finding, remediator, monkeypatch):
    (name,) = _buckets(aws, "data")
    monkeypatch.setattr("warden.remediate.execute", lambda *args, **kwargs: [])  # the call "succeeds", nothing changes
    result = remediator().handle(finding(RULE, "AWS::S3::Bucket", name))
    assert (result.outcome, result.error_code) == ("FAILED", "VerificationFailed")


def test_throttling_after_retries_is_a_retriable_failure(aws, finding, remediator, monkeypatch):
    import botocore.endpoint

    monkeypatch.setattr(botocore.endpoint.time, "sleep", lambda _: None)
    (name,) = _buckets(aws, "data")
    inject_fault(aws.client("s3"), "PutBucketVersioning", "SlowDown", 503)
    result = remediator().handle(finding(RULE, "AWS::S3::Bucket", name))
    assert (result.outcome, result.error_code, result.retriable) == ("FAILED", "SlowDown", True)


def test_approval_flow(aws, finding, remediator, ledger):
    (name,) = _buckets(aws, "data")
    engine = remediator(Mode.APPROVE)
    pending = engine.handle(finding(RULE, "AWS::S3::Bucket", name))
    assert pending.outcome == "PENDING_APPROVAL" and _status(aws, name) == "Off"
    assert ledger.load_plan(pending.plan.plan_id)["rule_id"] == RULE
    approved = engine.approve(pending.plan.plan_id)
    assert approved.outcome == "REMEDIATED" and _status(aws, name) == "Enabled"
    assert [r["outcome"] for r in ledger.records()][-3:] == ["APPROVED", "INTENT", "REMEDIATED"]
    with pytest.raises(WardenError, match="already approved"):
        engine.approve(pending.plan.plan_id)


def test_approval_refuses_a_plan_the_resource_has_drifted_from(aws, finding, remediator):
    (name,) = _buckets(aws, "data")
    engine = remediator(Mode.APPROVE)
    pending = engine.handle(finding(RULE, "AWS::S3::Bucket", name))
    aws.client("s3").put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Suspended"})
    result = engine.approve(pending.plan.plan_id)
    assert result.outcome == "REJECTED" and _status(aws, name) == "Suspended"


def test_irreversible_remediations_refuse_rollback(aws, finding, remediator):
    (name,) = _buckets(aws, "data")
    engine = remediator()
    fixed = engine.handle(finding(RULE, "AWS::S3::Bucket", name))
    with pytest.raises(WardenError, match="not reversible"):
        engine.rollback(fixed.record_id)


def test_default_group_in_use_is_only_notified(aws, finding, remediator):
    ec2 = aws.client("ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    default = ec2.describe_security_groups(
        Filters=[{"Name": "group-name", "Values": ["default"]}, {"Name": "vpc-id", "Values": [vpc]}]
    )["SecurityGroups"][0]["GroupId"]
    subnet = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"][0]["SubnetId"]
    ec2.create_network_interface(SubnetId=subnet, Groups=[default])
    result = remediator().handle(finding("vpc-default-security-group-closed", "AWS::EC2::SecurityGroup", default))
    assert result.outcome == "NOTIFIED" and "network interface" in result.detail


def test_config_only_account_type_is_read_through_the_account(aws, remediator):
    from warden.model import Compliance, Evaluation, Severity

    evaluation = Evaluation(
        "s3-account-level-public-access-blocks",
        ("S3.1",),
        Severity.MEDIUM,
        "AWS::S3::AccountPublicAccessBlock",
        aws.account_id,
        f"arn:aws:iam::{aws.account_id}:root",
        "us-east-1",
        aws.account_id,
        Compliance.NON_COMPLIANT,
        "from Config",
        None,
    )
    assert remediator().handle(evaluation).outcome == "REMEDIATED"
    block = aws.client("s3control").get_public_access_block(AccountId=aws.account_id)["PublicAccessBlockConfiguration"]
    assert all(block.values())


def test_plans_read_as_diffs(aws, finding, remediator):
    s3 = aws.client("s3")
    s3.create_bucket(Bucket="data")
    s3.put_bucket_policy(
        Bucket="data",
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "Keep",
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::data/*",
                    }
                ],
            }
        ),
    )
    result = remediator(Mode.DRY_RUN).handle(finding("s3-bucket-ssl-requests-only", "AWS::S3::Bucket", "data"))
    diff = result.plan.diff()
    assert diff.startswith("--- arn:aws:s3:::data (now)")
    assert any(line.startswith("+") and '"Sid": "WardenDenyInsecureTransport"' in line for line in diff.splitlines())
    assert '"Sid": "Keep"' in diff and not any(line.startswith("-") and "Keep" in line for line in diff.splitlines())
    assert "call s3:PutBucketPolicy" in diff


# -- the command line's batch: merged changes, re-read and re-planned right before applying ------------
OPEN_ONLY_AUTHORIZED, COMMON_PORTS = "vpc-sg-open-only-to-authorized-ports", "vpc-sg-restricted-common-ports"


def _open_group(aws, *ports):
    ec2 = aws.client("ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    group = ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=group,
        IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]} for p in ports
        ],
    )
    return group


def _open_ports(aws, group):
    permissions = aws.client("ec2").describe_security_groups(GroupIds=[group])["SecurityGroups"][0]["IpPermissions"]
    return sorted(p["FromPort"] for p in permissions if p.get("IpRanges"))


def _prepared(engine, finding, group, *rules):
    return [engine.prepare(finding(rule, "AWS::EC2::SecurityGroup", group)) for rule in rules]


def test_two_findings_fixed_by_the_same_change_make_one_change(aws, finding, remediator, ledger):
    group = _open_group(aws, 22)
    engine = remediator()
    pending = _prepared(engine, finding, group, OPEN_ONLY_AUTHORIZED, COMMON_PORTS)
    changes = merge(pending)
    assert [len(change) for change in changes] == [2]
    before = dict(aws.clients.calls)
    results = engine.apply_confirmed(changes)
    assert [r.outcome for r in results] == ["REMEDIATED", "SKIPPED"]
    assert results[1].detail == f"covered by the change in record {results[0].record_id}"
    assert write_calls(aws.clients, before) == {"ec2:RevokeSecurityGroupIngress": 1}
    assert _open_ports(aws, group) == []


def test_a_plan_this_batch_made_stale_is_re_planned_and_audited(aws, finding, remediator, ledger):
    group = _open_group(aws, 22, 9999)  # EC2.19 objects to 22 only; EC2.18 to 22 and 9999
    engine = remediator()
    changes = merge(_prepared(engine, finding, group, COMMON_PORTS, OPEN_ONLY_AUTHORIZED))
    assert len(changes) == 2
    first, second = engine.apply_confirmed(changes)
    assert (first.outcome, second.outcome) == ("REMEDIATED", "REMEDIATED") and _open_ports(aws, group) == []
    replanned = [r for r in ledger.records() if r["detail"].startswith("re-planned")]
    assert len(replanned) == 1 and first.record_id in replanned[0]["detail"]
    assert second.plan is not None and second.plan.plan_id == replanned[0]["plan_id"]
    assert [p["IpRanges"] and p["FromPort"] for p in second.plan.before["offending"]] == [9999]


def test_a_plan_someone_else_made_stale_is_refused(aws, finding, remediator):
    (name,) = _buckets(aws, "data")
    engine = remediator()
    pending = engine.prepare(finding(RULE, "AWS::S3::Bucket", name))
    aws.client("s3").put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Suspended"})
    before = dict(aws.clients.calls)
    (result,) = engine.apply_confirmed(merge([pending]))
    assert result.outcome == "REJECTED" and "changed since the plan was confirmed" in result.detail
    assert write_calls(aws.clients, before) == {} and _status(aws, name) == "Suspended"


def test_a_shared_change_that_failed_is_not_tried_again(aws, finding, remediator):
    group = _open_group(aws, 22)
    engine = remediator()
    changes = merge(_prepared(engine, finding, group, OPEN_ONLY_AUTHORIZED, COMMON_PORTS))
    fault = inject_fault(aws.client("ec2"), "RevokeSecurityGroupIngress", "UnauthorizedOperation", 403)
    first, second = engine.apply_confirmed(changes)
    assert (first.outcome, first.error_code) == ("FAILED", "UnauthorizedOperation") and fault.answered == 1
    assert second.outcome == "SKIPPED" and f"ended FAILED (record {first.record_id})" in second.detail


# -- approvals: what is pending, and what settles a plan -------------------------------------------------
def test_pending_plans_are_those_not_yet_settled(aws, finding, remediator, ledger):
    names = _buckets(aws, "a-1", "a-2", "a-3")
    engine = remediator(Mode.APPROVE)
    plans = [engine.handle(finding(RULE, "AWS::S3::Bucket", n)).plan.plan_id for n in names]
    assert sorted(p.plan_id for p in pending_plans(ledger)) == sorted(plans)
    engine.approve(plans[0])
    aws.client("s3").put_bucket_versioning(Bucket=names[1], VersioningConfiguration={"Status": "Suspended"})
    assert engine.approve(plans[1]).outcome == "REJECTED"
    assert [p.plan_id for p in pending_plans(ledger)] == [plans[2]]
    with pytest.raises(WardenError, match="already rejected"):
        engine.stored_plan(plans[1])


# -- rollback: checked before anything runs, and only once ----------------------------------------------
def test_rollback_is_linked_to_its_change_and_refused_a_second_time(aws, finding, remediator, ledger):
    group = _open_group(aws, 22)
    engine = remediator()
    fixed = engine.handle(finding(COMMON_PORTS, "AWS::EC2::SecurityGroup", group))
    undo = engine.rollback_of(fixed.record_id)
    assert "call ec2:AuthorizeSecurityGroupIngress" in undo.diff()
    rolled = engine.rollback(fixed.record_id)
    assert rolled.outcome == "ROLLED_BACK" and _open_ports(aws, group) == [22]
    assert [r["id"] for r in ledger.lookup("rolls_back", fixed.record_id)] == [rolled.record_id]
    before = dict(aws.clients.calls)
    with pytest.raises(WardenError, match=f"already rolled back \\(record {rolled.record_id}\\)"):
        engine.rollback(fixed.record_id)
    assert write_calls(aws.clients, before) == {}


@pytest.mark.parametrize("which,message", [("unknown", "no audit record"), ("detected", "DETECTED record")])
def test_rollback_refuses_what_is_not_an_applied_change(aws, finding, remediator, ledger, which, message):
    (name,) = _buckets(aws, "data")
    remediator(Mode.DRY_RUN).handle(finding(RULE, "AWS::S3::Bucket", name))
    record_id = "6f1c1f0e-0000-4000-8000-000000000000" if which == "unknown" else next(ledger.records())["id"]
    with pytest.raises(WardenError, match=message):
        remediator().rollback_of(record_id)
