"""Property-based fuzzing of the three Lambda handlers with mutated real payloads (tests/samples) on moto.

For every input each handler must serve it, reject it with a reason, or raise its one declared retriable
error, and only for a transient AWS failure: none is injected here, so any retriable raise is a poison loop
(SQS would redeliver a message no retry can cure). Every finding a handler publishes must be accepted by
the worker's parser. Counts are tallied rather than asserted per example, so `make fuzz` can report them.
"""

from __future__ import annotations

import copy
import json
import os
import traceback
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import botocore.exceptions
import pytest
import warden.remediations.handler as remediation_lambda
import warden.rules.handler as config_lambda
import warden.trail.handler as trail_lambda
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from hypothesis import given
from hypothesis import strategies as st
from warden.remediations.worker import REASON_ATTRIBUTE, RetriableRemediationError
from warden.rules.configrule import ConfigRuleService, RetriableConfigError
from warden.trail.detector import Detector
from warden.trail.handler import RetriableDetectionError

from warden.aws import partition_regions
from warden.demo import cloudtrail_record
from warden.findings import Finding, MalformedFindingError, Publisher, finding_for
from warden.model import Compliance, ConfigurationItem
from warden.pipeline import LocalContext, create_stack
from warden.registry import load_rules
from warden.testing import ACCOUNT_ID

SAMPLES = Path(__file__).parent.parent / "samples"
REGION = "us-east-1"
OWN_ROLE = f"arn:aws:iam::{ACCOUNT_ID}:role/warden-remediation"
FOREIGN_ACCOUNT = "999999999999"

# Values a mutation puts where a real payload has something else.
ODD_STRINGS = [
    "",
    " ",
    "\ud800",
    "sg-\udfff",
    "\x00",
    "x" * 100_000,
    "arn:aws:apigateway:us-east-1::/restapis/a/stages/b/c",
    "arn:aws:apigateway:us-east-1::/restapis//stages/",
    "::::",
    "arn:aws-cn:s3:::bucket",
    "arn:aws:iam::999999999999:role/warden-remediation",
    "arn:aws:sts::999999999999:assumed-role/warden-remediation/s",
    FOREIGN_ACCOUNT,
    "0123456789012",
    "xx-nowhere-9",
    "cn-north-1",
    "global",
    "2016-13-45T99:99:99Z",
    "not-a-uuid",
    "ResourceDeleted",
    "AWS::Fake::Thing",
    "AWS::S3::Bucket",
    "{",
    "[1, 2",
    "%7B%22Statement%22%3A1%7D",
]
odd_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.sampled_from(ODD_STRINGS),
        st.text(max_size=40),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=6,
)


def _paths(document: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(document, dict):
        for key, value in document.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from _paths(value, (*prefix, index))


@st.composite
def mutated(draw: st.DrawFn, document: Any, max_mutations: int = 3) -> Any:
    """`document` with up to `max_mutations` keys dropped, values replaced or keys added."""
    document = copy.deepcopy(document)
    for _ in range(draw(st.integers(0, max_mutations))):
        path = draw(st.sampled_from(list(_paths(document))))
        if not path:
            if draw(st.integers(0, 9)) == 0:
                document = draw(odd_values)  # rarely: not even the right kind of document
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        operation = draw(st.sampled_from(["drop", "replace", "replace", "add"]))
        if operation == "drop":
            del parent[path[-1]]
        elif operation == "replace":
            parent[path[-1]] = draw(odd_values)
        elif isinstance(parent[path[-1]], dict):
            parent[path[-1]][draw(st.text(max_size=12))] = draw(odd_values)
    return document


@dataclass
class Tally:
    """What the handler did with each input, and every breach of the properties."""

    handler: str
    outcomes: Counter[str] = field(default_factory=Counter)
    unexpected: Counter[str] = field(default_factory=Counter)
    moto_gaps: Counter[str] = field(default_factory=Counter)
    poison_loops: Counter[str] = field(default_factory=Counter)
    refused_by_worker: Counter[str] = field(default_factory=Counter)
    examples: int = 0
    say: Callable[[str], None] | None = None

    def crash(self, exc: BaseException) -> None:
        what = f"{type(exc).__name__}: {str(exc)[:160]}"
        if _raised_by_moto(exc):
            self.moto_gaps[what] += 1  # AWS answers these with an error the handler classifies; moto raises
        else:
            self.unexpected[what] += 1

    def check_published(self, messages: list[str]) -> None:
        for message in messages:
            try:
                Finding.from_message(message)
            except MalformedFindingError as exc:
                self.refused_by_worker[str(exc)[:160]] += 1

    def summary(self) -> str:
        return (
            f"{self.handler}: {self.examples} inputs; unexpected exceptions {sum(self.unexpected.values())}, "
            f"poison loops {sum(self.poison_loops.values())}, "
            f"published findings rejected by the worker {sum(self.refused_by_worker.values())}, "
            f"moto gaps {sum(self.moto_gaps.values())}; "
            f"outcomes {dict(sorted(self.outcomes.items()))}"
        )

    def progress(self) -> None:
        if self.say and self.examples % 1000 == 0:
            self.say(f"  ... {self.summary()}")

    def report(self, lines: list[str]) -> None:
        lines.append(self.summary())
        for kind in (self.unexpected, self.poison_loops, self.refused_by_worker, self.moto_gaps):
            lines.extend(f"    {n} x {what}" for what, n in kind.most_common(5))

    def assert_clean(self) -> None:
        """Moto gaps are reported, not failed: an operation moto lacks (NotImplementedError) or a malformed
        parameter moto's own parser trips on, where AWS would answer with an error."""
        assert not self.unexpected, self.unexpected.most_common(5)
        assert not self.poison_loops, self.poison_loops.most_common(5)
        assert not self.refused_by_worker, self.refused_by_worker.most_common(5)


def _hook(clients: Any, event: str, handler: Callable[..., Any]) -> None:
    """Register on the clients already made and on the session that makes the next ones."""
    clients._session.events.register(event, handler)
    for client in clients._clients.values():
        client.meta.events.register(event, handler)


def _unreachable_regions(clients: Any) -> None:
    """As on AWS, a call to a region the partition does not have cannot connect (moto would answer it)."""

    def refuse(request_signer: Any, **_: Any) -> None:
        region = request_signer.region_name
        if region not in partition_regions("aws") and region != "aws-global":
            raise botocore.exceptions.EndpointConnectionError(endpoint_url=f"https://{region}.amazonaws.com")

    _hook(clients, "before-call", refuse)


def _published(clients: Any) -> list[str]:
    """Every finding message handed to SNS through these clients."""
    messages: list[str] = []

    def capture(params: dict[str, Any], **_: Any) -> None:
        messages.extend(entry["Message"] for entry in params.get("PublishBatchRequestEntries", []))

    _hook(clients, "before-parameter-build.sns.PublishBatch", capture)
    return messages


def _answer(clients: Any, operation: str, response: dict[str, Any]) -> None:
    """moto implements neither PutEvaluations (outside test mode) nor the compliance queries."""
    from botocore.awsrequest import AWSResponse

    ok = AWSResponse("https://config.amazonaws.com/", 200, {}, None)
    _hook(clients, f"before-call.config.{operation}", lambda **_: (ok, response))


def _seed_account(aws: Any) -> dict[str, str]:
    """Non-compliant resources for events and findings to name."""
    s3, ec2 = aws.client("s3"), aws.client("ec2")
    s3.create_bucket(Bucket="fuzz-bucket")
    s3.create_bucket(Bucket="fuzz-trail-logs")
    aws.client("cloudtrail").create_trail(Name="fuzz-trail", S3BucketName="fuzz-trail-logs")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    group = ec2.create_security_group(GroupName="fuzz-open", Description="open", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=group,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    )
    api = aws.client("apigateway")
    rest = api.create_rest_api(name="fuzz")["id"]
    root = api.get_resources(restApiId=rest)["items"][0]["id"]
    api.put_method(restApiId=rest, resourceId=root, httpMethod="GET", authorizationType="NONE")
    api.put_integration(restApiId=rest, resourceId=root, httpMethod="GET", type="MOCK")
    api.create_deployment(restApiId=rest, stageName="prod")
    iam = aws.client("iam")
    iam.create_user(UserName="fuzz-user")
    iam.create_access_key(UserName="fuzz-user")
    policy = iam.create_policy(
        PolicyName="fuzz-admin",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        ),
    )["Policy"]["Arn"]
    return {
        "bucketName": "fuzz-bucket",
        "name": "fuzz-trail",
        "groupId": group,
        "GroupId": group,
        "restApiId": rest,
        "stageName": "prod",
        "apiId": "nope",
        "domainName": "api.example.com",
        "userName": "fuzz-user",
        "policyArn": policy,
    }


def _samples(folder: str) -> list[Any]:
    return [json.loads(path.read_text()) for path in sorted((SAMPLES / folder).glob("*.json"))]


# -- the Config rule handler ----------------------------------------------------------------------------


def _config_items() -> list[dict[str, Any]]:
    """Every sample configuration item, in the invoking-event dialect, placed in the test account."""
    items = []
    for document in _samples("config-items"):
        if "resourceType" not in document or "resourceId" not in document:
            continue  # recorded API responses: the items inside them are covered by the rdk samples
        item = ConfigurationItem.from_config(document).to_config()
        items.append({**item, "awsAccountId": ACCOUNT_ID, "awsRegion": REGION})
    for event in _samples("config-events"):
        invoking = json.loads(event["invokingEvent"])
        if "configurationItem" in invoking:
            items.append({**invoking["configurationItem"], "awsAccountId": ACCOUNT_ID})
    return items


def _config_events() -> list[dict[str, Any]]:
    """Decoded Config rule events (invokingEvent and ruleParameters as objects): the real ones, and one
    change notification per sample item and rule that evaluates its type."""
    templates = _samples("config-events")
    change = next(e for e in templates if e.get("ruleParameters") and "configurationItem" in e["invokingEvent"])
    rules = load_rules()
    events = []
    for template in templates:
        event = {"resultToken": "TESTMODE", "configRuleName": "warden-s3-bucket-versioning-enabled", **template}
        event["invokingEvent"] = json.loads(event["invokingEvent"])
        event["ruleParameters"] = json.loads(event.get("ruleParameters") or "{}")
        events.append(event)
    for item in _config_items():
        for rule in rules.for_resource_type(item["resourceType"]):
            event = {**change, "configRuleName": f"warden-{rule.id}"}
            event["invokingEvent"] = {
                "configurationItem": item,
                "notificationCreationTime": "2026-11-29T12:00:00.000Z",
                "messageType": "ConfigurationItemChangeNotification",
                "recordVersion": "1.3",
            }
            event["ruleParameters"] = {"wardenRuleId": rule.id}
            events.append(event)
    return events


def _encoded(event: Any) -> Any:
    """The event as Config sends it: its JSON-valued members as strings (unless a mutation changed them)."""
    if not isinstance(event, dict):
        return event
    return {
        key: json.dumps(value)
        if key in ("invokingEvent", "ruleParameters") and isinstance(value, dict | list)
        else value
        for key, value in event.items()
    }


CONFIG_EVENTS = _config_events()


def test_config_rule_handler_survives_mutated_events(aws, monkeypatch, fuzz_settings, fuzz_report, progress):
    _unreachable_regions(aws.clients)
    published = _published(aws.clients)
    _answer(aws.clients, "PutEvaluations", {"FailedEvaluations": []})
    _answer(aws.clients, "GetComplianceDetailsByConfigRule", {"EvaluationResults": []})
    _answer(aws.clients, "GetResourceConfigHistory", {"configurationItems": []})
    _seed_account(aws)
    topic = aws.client("sns").create_topic(Name="findings")["TopicArn"]
    service = ConfigRuleService(aws.clients, load_rules(), Publisher(aws.client("sns"), topic), REGION)
    monkeypatch.setattr(config_lambda, "_service", service)
    context = LocalContext("warden-config-rule")
    tally = Tally("config rule handler", say=progress)

    @fuzz_settings
    @given(st.sampled_from(CONFIG_EVENTS).flatmap(mutated))
    def run(event: Any) -> None:
        tally.examples += 1
        published.clear()
        try:
            response = config_lambda.lambda_handler(_encoded(event), context)
            tally.outcomes[response["status"]] += 1
        except RetriableConfigError as exc:
            tally.poison_loops[str(exc)[:160]] += 1  # no fault is injected: nothing here may pass on a retry
        except Exception as exc:  # noqa: BLE001 - the property: nothing else escapes the handler
            tally.crash(exc)
        tally.check_published(published)
        tally.progress()

    run()
    tally.report(fuzz_report)
    tally.assert_clean()
    assert tally.outcomes["served"] and tally.outcomes["rejected"]  # the mutations reach both sides


# -- the CloudTrail detector -------------------------------------------------------------------------------


def _trail_records(names: dict[str, str]) -> list[dict[str, Any]]:
    """The real CloudTrail samples, and one record per event every rule watches, naming seeded resources."""
    records = []
    for document in _samples("cloudtrail"):
        for record in document if isinstance(document, list) else document.get("Records", [document]):
            record = record.get("detail", record)
            records.append({**record, "awsRegion": REGION, "recipientAccountId": ACCOUNT_ID})
    actors = ["arn:aws:iam::123456789012:user/alice", OWN_ROLE, "arn:aws:iam::999999999999:role/warden-remediation"]
    for rule in load_rules().all():
        for trigger in rule.cloudtrail:
            parameters: dict[str, Any] = {}
            for placeholder in trigger.resource_id.split("{")[1:]:
                path = placeholder.split("}")[0].split("|")[0].split(".")
                if path[0] != "requestParameters":
                    continue
                target = parameters
                for step in path[1:-1]:
                    target = target.setdefault(step, {})
                target[path[-1]] = names.get(path[-1], "fuzz")
            for event_name in trigger.events:
                for actor in actors:
                    records.append(cloudtrail_record(trigger.source, event_name, parameters, ACCOUNT_ID, actor))
    return records


def _envelope(record: dict[str, Any]) -> dict[str, Any]:
    source = str(record.get("eventSource", "")).split(".", 1)[0]
    return {
        "version": "0",
        "id": str(uuid.UUID(int=len(json.dumps(record, sort_keys=True)))),
        "detail-type": "AWS API Call via CloudTrail",
        "source": f"aws.{source}",
        "account": ACCOUNT_ID,
        "time": "2026-11-29T12:00:00Z",
        "region": REGION,
        "resources": [],
        "detail": record,
    }


def _sqs_record(body: str, message_id: str = "message-1") -> SQSRecord:
    return SQSRecord(
        {
            "messageId": message_id,
            "receiptHandle": "handle",
            "body": body,
            "attributes": {"ApproximateReceiveCount": "1"},
            "messageAttributes": {},
            "eventSource": "aws:sqs",
            "eventSourceARN": f"arn:aws:sqs:{REGION}:{ACCOUNT_ID}:queue",
            "awsRegion": REGION,
        }
    )


def test_trail_detector_survives_mutated_events(aws, monkeypatch, fuzz_settings, fuzz_report, progress):
    _unreachable_regions(aws.clients)
    published = _published(aws.clients)
    names = _seed_account(aws)
    topic = aws.client("sns").create_topic(Name="findings")["TopicArn"]
    detector = Detector(
        aws.clients,
        load_rules(),
        Publisher(aws.client("sns"), topic),
        account_id=ACCOUNT_ID,
        own_roles=[OWN_ROLE],
    )
    monkeypatch.setattr(trail_lambda, "_detector", detector)
    context = LocalContext("warden-trail")
    events = [_envelope(record) for record in _trail_records(names)]
    tally = Tally("trail detector", say=progress)

    @fuzz_settings
    @given(st.sampled_from(events).flatmap(mutated), st.sampled_from(["eventbridge", "sqs", "sqs-text"]))
    def run(event: Any, route: str) -> None:
        tally.examples += 1
        published.clear()
        try:
            if route == "eventbridge":
                result = trail_lambda.lambda_handler(event, context)
            else:  # through the queue: JSON as EventBridge writes it, or whatever text a sender put there
                body = json.dumps(event) if route == "sqs" else str(event)
                result = trail_lambda.record_handler(_sqs_record(body))
            tally.outcomes[result["status"]] += 1
        except RetriableDetectionError as exc:
            tally.poison_loops[str(exc)[:160]] += 1
        except Exception as exc:  # noqa: BLE001 - the property: nothing else escapes the handler
            tally.crash(exc)
        tally.check_published(published)
        tally.progress()

    run()
    tally.report(fuzz_report)
    tally.assert_clean()
    assert tally.outcomes["evaluated"] and tally.outcomes["rejected"]


# -- the remediation worker --------------------------------------------------------------------------------


def _findings(aws: Any, names: dict[str, str]) -> list[dict[str, Any]]:
    """Findings for the seeded resources (read live), and for every sample item under each of its rules."""
    from warden.collectors import collector_for

    rules = load_rules()
    messages = []
    live = [
        ("AWS::S3::Bucket", names["bucketName"]),
        ("AWS::CloudTrail::Trail", names["name"]),
        ("AWS::EC2::SecurityGroup", names["groupId"]),
        ("AWS::IAM::User", names["userName"]),
        ("AWS::IAM::Policy", names["policyArn"]),
        ("AWS::ApiGateway::Stage", f"arn:aws:apigateway:{REGION}::/restapis/{names['restApiId']}/stages/prod"),
    ]
    items = [collector_for(t).read(aws.clients, REGION, ACCOUNT_ID, i) for t, i in live]
    items += [ConfigurationItem.from_config(raw) for raw in _config_items()]
    for item in items:
        assert item is not None
        for rule in rules.for_resource_type(item.resource_type):
            evaluation = rule.run(item)
            forced = evaluation.__class__(**{**evaluation.__dict__, "compliance": Compliance.NON_COMPLIANT})
            messages.append(finding_for(forced, "cloudtrail", source_event_id="event-1").to_message())
    return messages


def test_remediation_worker_survives_mutated_findings(aws, monkeypatch, fuzz_settings, fuzz_report, progress):
    names = _seed_account(aws)
    stack = create_stack(aws.clients, load_rules().all())
    settings = {"remediation": {"default_mode": "auto", "verify_delay_seconds": 0, "max_changes_per_rule": 1000}}
    for key, value in {
        "WARDEN_SETTINGS_JSON": json.dumps(settings),
        "WARDEN_IDEMPOTENCY_TABLE": stack.table,
        "WARDEN_AUDIT_BUCKET": stack.audit_bucket,
        "WARDEN_DLQ_URL": stack.remediation_dlq_url,
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(remediation_lambda, "_worker", None)
    clients = remediation_lambda.worker()._remediator._clients  # the container's own clients
    _unreachable_regions(clients)
    dead_letters: list[dict[str, Any]] = []
    _hook(clients, "before-parameter-build.sqs.SendMessage", lambda params, **_: dead_letters.append(params))
    findings = _findings(aws, names)
    tally = Tally("remediation worker", say=progress)
    counter = iter(range(10**9))

    @fuzz_settings
    @given(st.sampled_from(findings).flatmap(mutated), st.sampled_from(["raw", "sns-envelope", "text"]))
    def run(message: Any, route: str) -> None:
        tally.examples += 1
        if route == "raw":
            body = json.dumps(message)
        elif route == "sns-envelope":
            body = json.dumps({"Type": "Notification", "Message": json.dumps(message)})
        else:
            body = str(message)
        dead_letters.clear()
        try:
            result = remediation_lambda.record_handler(_sqs_record(body, f"message-{next(counter)}"))
            tally.outcomes[result["status"]] += 1
            reasons = [p for p in dead_letters if REASON_ATTRIBUTE in p.get("MessageAttributes", {})]
            if result["status"] in ("rejected", "failed") and len(reasons) != 1:
                tally.poison_loops[f"{result['status']} but {len(reasons)} dead letters with a reason"] += 1
            if str(result.get("reason", "")).startswith("internal error"):
                tally.unexpected[result["reason"][:160]] += 1
        except RetriableRemediationError as exc:
            tally.poison_loops[str(exc)[:160]] += 1
        except Exception as exc:  # noqa: BLE001 - the property: nothing else escapes the handler
            tally.crash(exc)
        tally.progress()

    run()
    tally.report(fuzz_report)
    tally.assert_clean()
    assert tally.outcomes["handled"] and tally.outcomes["rejected"]


@pytest.fixture(autouse=True)
def _no_sleep(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    import botocore.endpoint

    monkeypatch.setattr(botocore.endpoint.time, "sleep", lambda _: None)
    return lambda _: None


def _raised_by_moto(exc: BaseException) -> bool:
    """Whether `exc` is moto's own failure inside an AWS call, not Warden's."""
    if isinstance(exc, NotImplementedError):
        return True
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and f"{os.sep}moto{os.sep}" in frames[-1].filename
