"""`warden demo`: the whole pipeline on an embedded moto account, in one process.

Stack resources (SNS topic with its e-mail subscription, SQS queues with DLQs, DynamoDB idempotency table,
Object Lock audit bucket, EventBridge rules) are created in moto and an account is seeded, one service family
after another. The headline is the whitepaper's story told literally: an `UpdateDistribution` opens the
CloudFront distribution in front of the API to plain HTTP, the event is re-evaluated, audited, e-mailed,
queued and reverted. Then the Config rule handler sweeps the account and four more CloudTrail events are
replayed. The handlers are invoked as Lambda would invoke them (moto runs no Lambda code without Docker, and
cannot deliver EventBridge events to Lambda or SNS targets, so EventBridge targets an SQS queue that the demo
drains in batches of ten, honouring partial batch responses).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from warden import demo_account, demo_org
from warden.aws import Clients

REGION = "us-east-1"
OPERATOR = "arn:aws:iam::{account}:user/alice"
SECURITY_EMAIL = "security@example.com"
HEADLINE_RULE = "cloudfront-viewer-policy-https"
REMEDIATION_ROLE = "arn:aws:iam::{account}:role/warden-remediation"
# moto implements neither GenerateClientCertificate nor UpdateDomainName, and reads every own EBS snapshot as
# public whatever its permissions (so making one private cannot be verified): those rules only plan here.
# Cancelling a key deletion waits for a person's approval, as in the stack's default settings.
DEMO_SETTINGS = {
    "remediation": {
        "default_mode": "auto",
        "verify_delay_seconds": 0,
        "max_changes_per_rule": 25,
        "modes": {
            "api-gw-ssl-enabled": "dry-run",
            "api-gw-domain-tls-1-2": "dry-run",
            "ebs-snapshot-public-restorable-check": "dry-run",
            "kms-cmk-not-scheduled-for-deletion": "approve",
        },
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


@dataclass(frozen=True)
class ServiceFamily:
    """A seed of one compliant and one non-compliant resource per service, and the services its rules cover
    (the service part of AWS Config's resource type: `AWS::SQS::Queue` is SQS)."""

    title: str
    seed: Callable[[Clients, str], None]
    services: tuple[str, ...]


# The account as `demo_account.seed` makes it, before the service families (account-level rules have no service).
CORE = ServiceFamily(
    "API Gateway, S3, CloudTrail, IAM and account settings",
    lambda clients, region: None,
    ("ApiGateway", "ApiGatewayV2", "S3", "CloudTrail", "IAM", "Config", ""),
)


def _seed_databases(clients: Clients, region: str) -> None:
    """RDS, ElastiCache and EC2, then the Classic and v2 load balancers and RDS clusters of the later pack."""
    demo_account.seed_rules_c(clients, region)
    demo_account.seed_rules_e(clients, region)


# Seeded in this order; wiring another family is one line here.
SERVICE_FAMILIES = (
    ServiceFamily(
        "messaging, serverless and data",
        demo_account.seed_rules_a,
        ("SQS", "SNS", "Lambda", "DynamoDB", "DAX", "Events", "StepFunctions"),
    ),
    ServiceFamily(
        "containers, keys and secrets", demo_account.seed_rules_b, ("ECR", "KMS", "SecretsManager", "ECS", "EKS")
    ),
    ServiceFamily("databases, caches and instances", _seed_databases, ("RDS", "ElastiCache", "EC2")),
    ServiceFamily(
        "edge, load balancers, API routes and buckets",
        demo_account.seed_rules_d,
        ("CloudFront", "ElasticLoadBalancingV2", "ElasticLoadBalancing"),
    ),
    ServiceFamily("streams and file systems", demo_account.seed_rules_f, ("Kinesis", "EFS")),
)


def family_of(resource_type: str) -> ServiceFamily:
    service = resource_type.split("::")[1] if resource_type.count("::") == 2 else ""
    return next((f for f in (CORE, *SERVICE_FAMILIES) if service in f.services), CORE)


class Inbox:
    """What the findings topic e-mails the security team. moto accepts e-mail subscriptions but sends nothing
    to them, so each message the topic published is put through the subscription's own filter policy matcher,
    the check moto makes before any delivery."""

    def __init__(self, account: str, topic_arn: str, subscription_arn: str) -> None:
        from moto.sns.models import sns_backends

        backend = sns_backends[account][REGION]
        self._topic: Any = backend.topics[topic_arn]
        self._subscription: Any = backend.subscriptions[subscription_arn]

    def published(self) -> list[dict[str, Any]]:
        return [json.loads(message) for _, message, _, _, _ in self._topic.sent_notifications]

    def e_mailed(self) -> list[dict[str, Any]]:
        matcher = self._subscription._filter_policy_matcher
        return [
            json.loads(message)
            for _, message, _, attributes, _ in self._topic.sent_notifications
            if matcher is None or matcher.matches(attributes, message)
        ]


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

        with mock_aws(), warnings.catch_warnings():
            # Powertools warns on every invocation that emitted no metric: noise in a demo.
            warnings.filterwarnings("ignore", message="No application metrics to publish")
            return self._run()

    def _run(self) -> int:
        import warden.remediations.handler as remediation_lambda
        import warden.rules.handler as config_lambda
        import warden.trail.handler as trail_lambda
        from warden.findings import Publisher
        from warden.ledger import Ledger, S3Store, verify
        from warden.pipeline import MAX_RECEIVE_COUNT, LocalContext, SqsPoller, create_stack, recording_processor
        from warden.registry import load_rules
        from warden.reports.html import render_html
        from warden.reports.model import build as build_report
        from warden.reports.scan_formats import render_json
        from warden.rules.configrule import ConfigRuleService
        from warden.scan import Scanner
        from warden.template import DEFAULT_EMAIL_SEVERITY, email_filter_policy

        clients = Clients()
        rules = load_rules().all()
        account = clients.account_id
        self.say(f"Warden demo: the whole pipeline on moto's in-process AWS (account {account}, {REGION})\n")

        stack = create_stack(clients, rules, REGION)
        e_mail_filter = email_filter_policy(DEFAULT_EMAIL_SEVERITY)
        subscription = clients.client("sns").subscribe(
            TopicArn=stack.topic_arn,
            Protocol="email",
            Endpoint=SECURITY_EMAIL,
            Attributes={"FilterPolicy": json.dumps(e_mail_filter), "FilterPolicyScope": "MessageAttributes"},
            ReturnSubscriptionArn=True,
        )["SubscriptionArn"]
        inbox = Inbox(account, stack.topic_arn, subscription)
        self.say("1. Stack created (what template.yaml deploys):")
        self.say(f"   SNS topic        {stack.topic_arn}")
        self.say(
            f"   SNS e-mail       {SECURITY_EMAIL} (NotificationEmail), findings whose severity is "
            f"{', '.join(e_mail_filter['severity'])}"
        )
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
        api_domain = f"{demo.rest_api_id}.execute-api.{REGION}.amazonaws.com"
        distribution = demo_account.api_edge_distribution(clients, REGION, api_domain, "demo-orders-edge")
        self.say(
            "2. Demo account seeded, one family at a time (each service: a compliant and a non-compliant resource)"
        )
        self.say(
            f"   {CORE.title}: {len(demo.buckets)} buckets, the orders REST API (2 stages), 1 HTTP API, 2 trails, "
            "2 security groups, 2 policies, 1 user"
        )
        self.say(f"   the orders API at the edge: CloudFront distribution {distribution} → {api_domain} (HTTPS only)")
        for family in SERVICE_FAMILIES:
            family.seed(clients, REGION)
            self.say(f"   {family.title}: {', '.join(family.services)}")

        os.environ.update(
            {
                "WARDEN_FINDINGS_TOPIC_ARN": stack.topic_arn,
                "WARDEN_SETTINGS_JSON": json.dumps(DEMO_SETTINGS),
                "WARDEN_IDEMPOTENCY_TABLE": stack.table,
                "WARDEN_AUDIT_BUCKET": stack.audit_bucket,
                "WARDEN_DLQ_URL": stack.remediation_dlq_url,
                "WARDEN_MAX_RECEIVES": str(MAX_RECEIVE_COUNT),
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
            _quiet(remediation_lambda),
            "warden-remediation",
        )
        trail_queue = SqsPoller(
            clients, stack.trail_queue_url, stack.trail_queue_arn, _quiet(trail_lambda), "warden-trail"
        )
        ledger = Ledger(S3Store(clients.client("s3"), stack.audit_bucket))
        operator = OPERATOR.format(account=account)

        story = Story(self, clients, stack, inbox, ledger, trail_queue, trail_processor)
        headline = story.tell(distribution, api_domain, operator, remediation_queue, remediation_processor)

        self.say("\n4. Periodic sweep: the Config rule handler, once per rule (ScheduledNotification, test mode)")
        published = 0
        config_rule_handler = _quiet(config_lambda)
        for rule in rules:
            response = config_rule_handler(_scheduled_event(rule.id, account), LocalContext("warden-config-rule"))
            if response.get("status") == "rejected":
                self.say(f"   {rule.id}: the Config rule handler rejected its event: {response.get('reason')}")
                continue
            published += response["findings"]
        depth = _queue_depth(clients, stack.remediation_queue_url)
        self.say(f"   {published} findings on SNS → {depth} messages queued on SQS for remediation")
        self._drain_remediations(remediation_queue, remediation_processor, "sweep")

        self.say("\n5. More CloudTrail events replayed through EventBridge → SQS → trail handler (mode auto; client")
        self.say("   certificates and domain TLS only plan: moto lacks GenerateClientCertificate and UpdateDomainName)")
        for number, (title, change, record) in enumerate(scenarios(clients, demo, account, operator), start=1):
            change()
            self.say(f"\n   [{number}] {title}")
            self.say(f"       changed   {record['eventSource'].split('.')[0]}:{record['eventName']} by {operator}")
            for detection in story.replay(record):
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
        for detection in story.replay(own):
            self.say(f"       {detection['status']}   {detection['reason']} → no finding, no remediation loop")

        self.say("\n   [6] A redelivered finding (SQS is at-least-once): the same message three times")
        self._duplicate(clients, stack, remediation_queue, remediation_processor, self.bodies[0])

        self.say("\n6. Summary")
        self.say("   CloudTrail events:")
        for source, rule_id, outcome, resource in self.summary:
            if source != "sweep":
                self.say(f"     {rule_id:44} {outcome.lower():10} {resource.rsplit(':', 1)[-1][-48:]}")
        e_mailed = Counter(f["severity"] for f in inbox.e_mailed())
        self.say(
            f"   e-mailed to {SECURITY_EMAIL}: {sum(e_mailed.values())} of {len(inbox.published())} findings ("
            + ", ".join(f"{e_mailed[s]} {s}" for s in e_mail_filter["severity"])
            + "); the less severe ones stay in the reports"
        )
        records = list(ledger.records())
        outcomes = Counter(r["outcome"] for r in records)
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
            f"\n7. Final scan: {states['COMPLIANT']} compliant, {states['NON_COMPLIANT']} non-compliant "
            f"(left for people: notify-only rules and plans moto cannot apply); written to {target}"
        )
        edge = [e for e in result["evaluations"] if e["rule_id"] == HEADLINE_RULE and e["resource_id"] == distribution]
        self.say(f"   distribution {distribution}: {HEADLINE_RULE} {', '.join(e['compliance'] for e in edge)}")
        page = self.output_dir / "report.html"
        model = build_report([result], audit_records=records, sources=[str(target)])
        page.write_text(render_html(model))
        self.say(f"\n8. Compliance report (scan + audit history): open {page.resolve()} in a browser")
        shown = headline is not None and any(
            r["id"] == headline["record_id"] for r in model.audit.get(headline["resource_arn"], [])
        )
        self.say(
            f"   it shows the distribution's REMEDIATED record {headline['record_id']} in the resource's audit history"
            if headline is not None and shown
            else "   the distribution's REMEDIATED record is missing from it"
        )
        demo_org.run(self.out, REGION)
        return 0 if report.ok and shown else 1

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
            return
        self.say(
            f"   remediation worker: {delivery.delivered} messages in {delivery.batches} batch(es): "
            + ", ".join(f"{n} {o.lower()}" for o, n in sorted(outcomes.items()))
        )
        self.say("   per service family (findings: outcomes; one example):")
        for family in (CORE, *SERVICE_FAMILIES):
            mine = [r for r in processor.results if _family_of_rule(r.get("rule_id", "")) is family]
            if not mine:
                self.say(f"     {family.title}: no findings")
                continue
            counts = Counter(r.get("outcome", r["status"]).lower() for r in mine)
            # An example from the seeded account, not Warden's own stack (its idempotency table has no PITR here).
            seeded = [r for r in mine if "warden-" not in r.get("resource_arn", "")] or mine
            example = next((r for r in seeded if r.get("outcome") == "REMEDIATED"), seeded[0])
            resource = example.get("resource_arn", "").rsplit(":", 1)[-1][-40:]
            self.say(
                f"     {family.title}: {len(mine)} findings: "
                + ", ".join(f"{n} {o}" for o, n in sorted(counts.items()))
                + f"; e.g. {example.get('outcome', example['status']).lower()} {example.get('rule_id')} on {resource}"
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


def _quiet(handler_module: Any) -> Callable[[Any, Any], Any]:
    """The module's Lambda handler, its metrics dropped after each call: metrics are disabled here, and
    Powertools keeps disabled metrics and prints them once a hundred have piled up."""

    def handler(event: Any, context: Any) -> Any:
        try:
            return handler_module.lambda_handler(event, context)
        finally:
            handler_module.metrics.clear_metrics()

    return handler


def _family_of_rule(rule_id: str) -> ServiceFamily:
    from warden.registry import load_rules

    return family_of(load_rules().get(rule_id).resource_types[0]) if rule_id else CORE


class Story:
    """The whitepaper's story at the edge, step by step, each step named by the record that shows it."""

    def __init__(
        self, demo: Demo, clients: Clients, stack: Any, inbox: Inbox, ledger: Any, trail_queue: Any, trail: Any
    ) -> None:
        self.demo, self.clients, self.stack, self.inbox, self.ledger = demo, clients, stack, inbox, ledger
        self.trail_queue, self.trail = trail_queue, trail

    def replay(self, record: dict[str, Any]) -> list[dict[str, Any]]:
        """The event onto EventBridge's default bus, through the trail queue to the trail handler: its detections."""
        from warden.pipeline import put_events_entry

        self.clients.client("events").put_events(Entries=[put_events_entry(record)])
        self.trail.results.clear()
        self.trail_queue.drain()
        return list(self.trail.results)

    def tell(
        self, distribution: str, api_domain: str, operator: str, remediation_queue: Any, remediation: Any
    ) -> dict[str, Any] | None:
        """The worker's REMEDIATED result, or None when the story did not end with the verified revert."""
        say = self.demo.say
        account = self.stack.account_id
        say("\n3. The whitepaper's story, told literally: the API's endpoint opened to plain HTTP at the edge")
        parameters = demo_account.allow_plain_http_at_edge(self.clients, REGION, distribution)
        record = cloudtrail_record("cloudfront.amazonaws.com", "UpdateDistribution", parameters, account, operator)
        say(
            f"   a. changed    UpdateDistribution {distribution} by {operator}: the default cache behavior's viewer "
            "protocol policy redirect-to-https → allow-all"
        )
        say(f"                 CloudTrail event {record['eventID']}")
        rules = [name for name in self.stack.event_rules if "-cloudfront-" in name]
        detections = self.replay(record)
        flagged = [
            e
            for d in detections
            for e in d["evaluations"]
            if e["compliance"] == "NON_COMPLIANT" and e["resource_id"] == distribution
        ]
        headline = next((e for e in flagged if e["rule_id"] == HEADLINE_RULE), None)
        if headline is None:
            say(f"   b. NOT detected: {HEADLINE_RULE} did not flag {distribution}")
            return None
        say(
            f"   b. detected   EventBridge rule {', '.join(rules)} → SQS → trail handler re-read the distribution: "
            f"Config rule {HEADLINE_RULE} ({', '.join(headline['controls'])}, {headline['severity']}) NON_COMPLIANT"
        )
        say(f"                 {headline['annotation']}")
        others = sorted(e["rule_id"] for e in flagged if e is not headline)
        if others:
            say(f"                 the same re-read also flagged, for people to fix: {', '.join(others)}")
        [message] = [
            m for m in self.inbox.published() if m["rule_id"] == HEADLINE_RULE and m["resource_id"] == distribution
        ]
        e_mailed = any(m["finding_id"] == message["finding_id"] for m in self.inbox.e_mailed())
        say(f"   c. published  finding {message['finding_id']} on SNS {self.stack.topic_arn.rsplit(':', 1)[-1]}")
        say(
            f"                 → e-mailed to {SECURITY_EMAIL}: "
            + (
                f"yes, severity {message['severity']} passes the subscription's filter"
                if e_mailed
                else f"no, severity {message['severity']} is below the subscription's filter"
            )
        )
        queue = self.stack.remediation_queue_url
        depth = _queue_depth(self.clients, queue)
        say(f"                 → queued on SQS {queue.rsplit('/', 1)[-1]} ({depth} messages)")
        remediation.results.clear()
        remediation_queue.drain()
        result: dict[str, Any] | None = next(
            (r for r in remediation.results if r.get("rule_id") == HEADLINE_RULE), None
        )
        trail = [r for r in self.ledger.records() if r.get("finding_id") == message["finding_id"]]
        by_outcome = {r["outcome"]: r["id"] for r in trail}
        say(f"   d. audited    {self.ledger.store.location}: DETECTED record {by_outcome.get('DETECTED')}")
        if result is None or result.get("outcome") != "REMEDIATED":
            say(f"   e. NOT reverted: {result}")
            return None
        say(f"   e. reverted   remediation worker: INTENT record {by_outcome.get('INTENT')}, then")
        say(f"                 REMEDIATED record {result['record_id']}: {result['detail'][:100]}")
        config = self.clients.client("cloudfront").get_distribution_config(Id=distribution)["DistributionConfig"]
        say(
            f"   f. verified   {distribution} re-read: viewer protocol policy "
            f"{config['DefaultCacheBehavior']['ViewerProtocolPolicy']} again"
        )
        other_outcomes = Counter(r.get("outcome", r["status"]).lower() for r in remediation.results if r is not result)
        if other_outcomes:
            say(
                "                 the other findings on it: "
                + ", ".join(f"{n} {o}" for o, n in sorted(other_outcomes.items()))
            )
        return result


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
            "An UpdateStage turns execution logging off on the prod stage",
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
