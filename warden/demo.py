"""`warden demo`: the whole pipeline on an embedded moto account, in one process.

Stack resources (SNS topic, SQS queues with DLQs, DynamoDB idempotency table, Object Lock audit bucket,
EventBridge rules) are created in moto; a demo account is seeded; the Config rule handler runs a periodic
sweep; then four CloudTrail events that weaken the account are replayed through EventBridge and SQS. The
handlers are invoked as Lambda would invoke them (moto runs no Lambda code without Docker, and cannot
deliver EventBridge events to Lambda or SNS targets, so EventBridge targets an SQS queue that the demo
drains in batches of ten, honouring partial batch responses).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

REGION = "us-east-1"
OPERATOR = "arn:aws:iam::{account}:user/alice"
REMEDIATION_ROLE = "arn:aws:iam::{account}:role/warden-remediation"
# moto implements neither GenerateClientCertificate nor UpdateDomainName: those rules only plan here.
DEMO_SETTINGS = {
    "remediation": {
        "default_mode": "auto",
        "verify_delay_seconds": 0,
        "max_changes_per_rule": 25,
        "modes": {"api-gw-ssl-enabled": "dry-run", "api-gw-domain-tls-1-2": "dry-run"},
    }
}


def _environment() -> None:
    """moto's in-process AWS with fake credentials; nothing here may reach a real endpoint."""
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "demo",
            "AWS_SECRET_ACCESS_KEY": "demo",
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
            "AWS_EC2_METADATA_DISABLED": "true",
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_METRICS_DISABLED": "true",
            "POWERTOOLS_LOG_LEVEL": "CRITICAL",
            "POWERTOOLS_METRICS_NAMESPACE": "Warden",
        }
    )
    for key in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_SESSION_TOKEN"):
        os.environ.pop(key, None)


def cloudtrail_record(
    event_source: str, event_name: str, parameters: dict[str, Any], account: str, actor: str
) -> dict[str, Any]:
    """A management event in the shape CloudTrail writes it (see tests/samples/cloudtrail)."""
    if ":assumed-role/" in actor or ":role/" in actor:
        role = actor.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/warden-session"
        identity = {
            "type": "AssumedRole",
            "principalId": "AROAEXAMPLE:warden-session",
            "arn": role,
            "accountId": account,
            "sessionContext": {"sessionIssuer": {"type": "Role", "arn": actor, "accountId": account}},
        }
    else:
        identity = {
            "type": "IAMUser",
            "principalId": "AIDAEXAMPLE",
            "arn": actor,
            "accountId": account,
            "userName": actor.rsplit("/", 1)[-1],
        }
    return {
        "eventVersion": "1.09",
        "userIdentity": identity,
        "eventTime": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "eventSource": event_source,
        "eventName": event_name,
        "awsRegion": REGION,
        "sourceIPAddress": "203.0.113.10",
        "userAgent": "aws-cli/2.15.0",
        "requestParameters": parameters,
        "responseElements": None,
        "requestID": str(uuid.uuid4()),
        "eventID": str(uuid.uuid4()),
        "readOnly": False,
        "eventType": "AwsApiCall",
        "managementEvent": True,
        "recipientAccountId": account,
        "eventCategory": "Management",
    }


class Demo:
    def __init__(self, out: TextIO, output_dir: Path) -> None:
        self.out = out
        self.output_dir = output_dir
        self.summary: list[tuple[str, str, str, str]] = []
        self.bodies: list[str] = []  # findings delivered after CloudTrail events, replayed as duplicates

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def run(self) -> int:
        _environment()
        from moto import mock_aws

        with mock_aws():
            return self._run()

    def _run(self) -> int:
        import warden.remediations.handler as remediation_lambda
        import warden.rules.handler as config_lambda
        import warden.trail.handler as trail_lambda
        from warden import demo_account
        from warden.aws import Clients
        from warden.findings import Publisher
        from warden.ledger import Ledger, S3Store, verify
        from warden.pipeline import LocalContext, SqsPoller, create_stack, put_events_entry, recording_processor
        from warden.registry import load_rules
        from warden.reports.html import render_html
        from warden.reports.model import build as build_report
        from warden.reports.scan_formats import render_json
        from warden.rules.configrule import ConfigRuleService
        from warden.scan import Scanner

        clients = Clients()
        rules = load_rules().all()
        account = clients.account_id
        self.say(f"Warden demo: the whole pipeline on moto's in-process AWS (account {account}, {REGION})\n")

        stack = create_stack(clients, rules, REGION)
        self.say("1. Stack created (what template.yaml deploys):")
        self.say(f"   SNS topic        {stack.topic_arn}")
        self.say(
            f"   SQS queue        {stack.remediation_queue_url.rsplit('/', 1)[-1]} (DLQ after 5 receives, raw delivery)"
        )
        self.say(f"   DynamoDB table   {stack.table} (idempotency, blast-radius window)")
        self.say(f"   S3 audit bucket  {stack.audit_bucket} (Object Lock, versioned)")
        self.say(
            f"   EventBridge      {len(stack.event_rules)} rules from the rules' CloudTrail triggers → SQS trail queue"
        )

        demo = demo_account.seed(clients, REGION)
        # moto applies a TLS-only bucket policy even to HTTPS requests, which would stop audit writes.
        clients.client("s3").put_bucket_tagging(
            Bucket=stack.audit_bucket,
            Tagging={"TagSet": [{"Key": "warden:exempt", "Value": "s3-bucket-ssl-requests-only"}]},
        )
        self.say(
            f"2. Demo account seeded: {len(demo.buckets)} buckets, 1 REST API (2 stages), 1 HTTP API, 2 trails, "
            "2 security groups, 2 policies, 1 user"
        )

        os.environ.update(
            {
                "WARDEN_FINDINGS_TOPIC_ARN": stack.topic_arn,
                "WARDEN_SETTINGS_JSON": json.dumps(DEMO_SETTINGS),
                "WARDEN_IDEMPOTENCY_TABLE": stack.table,
                "WARDEN_AUDIT_BUCKET": stack.audit_bucket,
                "WARDEN_DLQ_URL": stack.remediation_dlq_url,
                "WARDEN_ACCOUNT_ID": account,
                "WARDEN_REMEDIATION_ROLE_ARNS": REMEDIATION_ROLE.format(account=account),
            }
        )
        # Fresh containers: each handler builds its dependencies from the environment on first use.
        remediation_lambda._worker = None
        trail_lambda._detector = None
        # moto lacks GetComplianceDetailsByConfigRule, so the sweep skips the vanished-resource lookup.
        config_lambda._service = ConfigRuleService(
            clients, load_rules(), Publisher(clients.client("sns"), stack.topic_arn), REGION, report_vanished=False
        )
        remediation_lambda.processor = remediation_processor = recording_processor()
        trail_lambda.processor = trail_processor = recording_processor()
        remediation_queue = SqsPoller(
            clients,
            stack.remediation_queue_url,
            stack.remediation_queue_arn,
            remediation_lambda.lambda_handler,
            "warden-remediation",
        )
        trail_queue = SqsPoller(
            clients, stack.trail_queue_url, stack.trail_queue_arn, trail_lambda.lambda_handler, "warden-trail"
        )
        ledger = Ledger(S3Store(clients.client("s3"), stack.audit_bucket))

        self.say("\n3. Periodic sweep: the Config rule handler, once per rule (ScheduledNotification, test mode)")
        published = 0
        for rule in rules:
            response = config_lambda.lambda_handler(
                _scheduled_event(rule.id, account), LocalContext("warden-config-rule")
            )
            if response.get("status") == "rejected":
                self.say(f"   {rule.id}: the Config rule handler rejected its event: {response.get('reason')}")
                continue
            published += response["findings"]
            if response["findings"]:
                counts = ", ".join(f"{n} {c.lower().replace('_', '-')}" for c, n in sorted(response["counts"].items()))
                self.say(f"   {rule.id:44} {counts} → {response['findings']} finding(s) published")
        depth = _queue_depth(clients, stack.remediation_queue_url)
        self.say(f"   {published} findings on SNS → {depth} messages queued on SQS for remediation")
        self._drain_remediations(remediation_queue, remediation_processor, "sweep")

        self.say("\n4. CloudTrail events replayed through EventBridge → SQS → trail handler (mode auto; client")
        self.say("   certificates and domain TLS only plan: moto lacks GenerateClientCertificate and UpdateDomainName)")
        operator = OPERATOR.format(account=account)
        scenarios_to_replay = scenarios(clients, demo, account, operator)
        for number, (title, change, record) in enumerate(scenarios_to_replay, start=1):
            change()
            clients.client("events").put_events(Entries=[put_events_entry(record)])
            self.say(f"\n   [{number}] {title}")
            self.say(f"       changed   {record['eventSource'].split('.')[0]}:{record['eventName']} by {operator}")
            trail_processor.results.clear()
            trail_queue.drain()
            for detection in trail_processor.results:
                for evaluation in detection["evaluations"]:
                    if evaluation["compliance"] == "NON_COMPLIANT":
                        self.say(
                            f"       detected  {evaluation['rule_id']} NON_COMPLIANT on {evaluation['resource_id']} "
                            "(re-read live, not from the event)"
                        )
                self.say(
                    f"       published {len(detection['findings'])} finding(s) to SNS "
                    f"→ queued {_queue_depth(clients, stack.remediation_queue_url)} on SQS"
                )
            self._drain_remediations(remediation_queue, remediation_processor, title)

        self.say("\n   [5] Warden's own fix arrives as a CloudTrail event too (StartLogging by the remediation role)")
        own = cloudtrail_record(
            "cloudtrail.amazonaws.com",
            "StartLogging",
            {"name": "org-trail"},
            account,
            REMEDIATION_ROLE.format(account=account),
        )
        clients.client("events").put_events(Entries=[put_events_entry(own)])
        trail_processor.results.clear()
        trail_queue.drain()
        for detection in trail_processor.results:
            self.say(f"       {detection['status']}   {detection['reason']} → no finding, no remediation loop")

        self.say("\n   [6] A redelivered finding (SQS is at-least-once): the same message three times")
        self._duplicate(clients, stack, remediation_queue, remediation_processor, self.bodies[0])

        self.say("\n5. Summary")
        sweep = Counter((rule_id, outcome) for source, rule_id, outcome, _ in self.summary if source == "sweep")
        self.say(f"   periodic sweep: {sum(sweep.values())} findings")
        for (rule_id, outcome), count in sorted(sweep.items()):
            self.say(f"     {rule_id:44} {count} {outcome.lower()}")
        self.say("   CloudTrail events:")
        for source, rule_id, outcome, resource in self.summary:
            if source != "sweep":
                self.say(f"     {rule_id:44} {outcome.lower():10} {resource.rsplit(':', 1)[-1][-48:]}")
        outcomes = Counter(r["outcome"] for r in ledger.records())
        self.say("   audit records: " + ", ".join(f"{n} {o}" for o, n in sorted(outcomes.items())))
        report = verify(ledger.store)
        self.say(
            f"   audit chain: {report.records} records in {report.streams} stream(s) at {ledger.store.location}: "
            f"{'intact' if report.ok else report.problems}"
        )

        result = Scanner(clients).run(rules, [REGION]).to_dict()
        self.output_dir.mkdir(parents=True, exist_ok=True)
        target = self.output_dir / "demo-scan.json"
        target.write_text(render_json(result))
        states = Counter(e["compliance"] for e in result["evaluations"])
        self.say(
            f"\n6. Final scan: {states['COMPLIANT']} compliant, {states['NON_COMPLIANT']} non-compliant "
            f"(left for people: notify-only rules and plans moto cannot apply); written to {target}"
        )
        page = self.output_dir / "report.html"
        page.write_text(render_html(build_report([result], audit_records=ledger.records(), sources=[str(target)])))
        self.say(f"\n7. Compliance report (scan + audit history): open {page.resolve()} in a browser")
        return 0 if report.ok else 1

    def _drain_remediations(self, poller: Any, processor: Any, source: str) -> None:
        processor.results.clear()
        delivery = poller.drain()
        if source != "sweep":
            self.bodies.extend(delivery.bodies)
        for result in processor.results:
            self.summary.append(
                (
                    source,
                    result.get("rule_id", ""),
                    result.get("outcome", result["status"]),
                    result.get("resource_arn", ""),
                )
            )
        outcomes = Counter(r.get("outcome", r["status"]) for r in processor.results)
        if source != "sweep":
            for result in processor.results:
                outcome, detail = result.get("outcome", "").lower(), result.get("detail", "")[:90]
                self.say(f"       {outcome:9} {result.get('rule_id')}: {detail}")
                self.say(f"       audited   record {result.get('record_id', '')[:8]}… in the S3 ledger (hash-chained)")
        else:
            self.say(
                f"   remediation worker: {delivery.delivered} messages in {delivery.batches} batch(es): "
                + ", ".join(f"{n} {o.lower()}" for o, n in sorted(outcomes.items()))
            )

    def _duplicate(self, clients: Any, stack: Any, poller: Any, processor: Any, body: str) -> None:
        finding_id = json.loads(body)["finding_id"]
        for _ in range(3):
            clients.client("sqs").send_message(QueueUrl=stack.remediation_queue_url, MessageBody=body)
        processor.results.clear()
        poller.drain()
        statuses = Counter(r["status"] for r in processor.results)
        self.say(
            f"       3 deliveries of finding {finding_id[:8]}…: {statuses.get('duplicate', 0)} answered as duplicates "
            "by the idempotency table, no change made, each audited as DUPLICATE"
        )


def scenarios(
    clients: Any, demo: Any, account: str, operator: str
) -> list[tuple[str, Callable[[], Any], dict[str, Any]]]:
    apigw, s3 = clients.client("apigateway"), clients.client("s3")
    ec2, cloudtrail = clients.client("ec2"), clients.client("cloudtrail")
    hardened = demo.buckets["hardened"]
    loose_policy = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "Partners",
                    "Effect": "Allow",
                    "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{hardened}/*",
                }
            ],
        }
    )
    logging_off = [{"op": "replace", "path": "/*/*/logging/loglevel", "value": "OFF"}]
    open_ssh = {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
    web = demo.security_groups["web"]
    return [
        (
            "An UpdateStage turns execution logging off on the prod stage (the whitepaper's story)",
            lambda: apigw.update_stage(restApiId=demo.rest_api_id, stageName="prod", patchOperations=logging_off),
            cloudtrail_record(
                "apigateway.amazonaws.com",
                "UpdateStage",
                {
                    "restApiId": demo.rest_api_id,
                    "stageName": "prod",
                    "updateStageInput": {"patchOperations": logging_off},
                },
                account,
                operator,
            ),
        ),
        (
            "A PutBucketPolicy replaces the TLS-only policy of the hardened bucket",
            lambda: s3.put_bucket_policy(Bucket=hardened, Policy=loose_policy),
            cloudtrail_record(
                "s3.amazonaws.com",
                "PutBucketPolicy",
                {"bucketName": hardened, "bucketPolicy": json.loads(loose_policy), "policy": ""},
                account,
                operator,
            ),
        ),
        (
            "A StopLogging silences the organisation trail",
            lambda: cloudtrail.stop_logging(Name="org-trail"),
            cloudtrail_record("cloudtrail.amazonaws.com", "StopLogging", {"name": "org-trail"}, account, operator),
        ),
        (
            "An AuthorizeSecurityGroupIngress opens port 22 to the world",
            lambda: ec2.authorize_security_group_ingress(GroupId=web, IpPermissions=[open_ssh]),
            cloudtrail_record(
                "ec2.amazonaws.com",
                "AuthorizeSecurityGroupIngress",
                {
                    "groupId": web,
                    "ipPermissions": {},
                    "ipProtocol": "tcp",
                    "fromPort": 22,
                    "toPort": 22,
                    "cidrIp": "0.0.0.0/0",
                },
                account,
                operator,
            ),
        ),
    ]


def _scheduled_event(rule_id: str, account: str) -> dict[str, Any]:
    invoking = {
        "awsAccountId": account,
        "notificationCreationTime": dt.datetime.now(dt.UTC).isoformat(),
        "messageType": "ScheduledNotification",
        "recordVersion": "1.0",
    }
    return {
        "version": "1.0",
        "invokingEvent": json.dumps(invoking),
        "ruleParameters": json.dumps({"wardenRuleId": rule_id}),
        "resultToken": "TESTMODE",
        "eventLeftScope": False,
        "executionRoleArn": f"arn:aws:iam::{account}:role/aws-service-role/config.amazonaws.com/ConfigRole",
        "configRuleArn": f"arn:aws:config:{REGION}:{account}:config-rule/config-rule-{rule_id[:8]}",
        "configRuleName": f"warden-{rule_id}",
        "configRuleId": f"config-rule-{rule_id[:8]}",
        "accountId": account,
        "evaluationMode": "DETECTIVE",
    }


def _queue_depth(clients: Any, url: str) -> int:
    attributes = clients.client("sqs").get_queue_attributes(
        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"]
    )
    return int(attributes["Attributes"]["ApproximateNumberOfMessages"])


def run(out: TextIO, output_dir: Path) -> int:
    return Demo(out, output_dir).run()
