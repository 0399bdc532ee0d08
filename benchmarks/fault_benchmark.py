"""Fault benchmark: N findings through the remediation worker while a share of its AWS calls fail.

Every call the worker makes (S3 reads, changes and the audit ledger, DynamoDB idempotency and budget, SQS,
STS) fails at random with throttling, 500 or 503 (seeded), with the SDK allowed 1 and then 3 attempts per
call. SQS delivery is Lambda's event source mapping emulated on moto (warden.pipeline.SqsPoller): a failed
item is received again at once (each invocation's deadline is made to have passed by then, as Lambda's
visibility timeout makes it pass), and the fifth receive, SQS's last, dead-letters it with its reason.
Then the scheduled sweep runs, as EventBridge would run it every 15 minutes (time compressed), with faults
still on, until it has nothing left to do: it settles intents no delivery came back for and annotates
dead letters SQS moved without a reason. Reported per run:

- lost: findings neither fixed nor in the DLQ (target 0)
- changed_without_remediated: resources changed with no REMEDIATED record (target 0); of those,
  changed_without_intent have no INTENT record either (0 by construction: no change without its intent)
- chain_problems: what `warden audit verify` reports (target none)
- dead_lettered_without_reason: DLQ messages with no reason attribute and no FAILED record (target 0)

Backoff sleeps and client-side pacing are skipped: the figures are about correctness, not time.

    python benchmarks/fault_benchmark.py [--findings 200] [--rate 0.2] [--seed 8] [--json out.json]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import random
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RULE = "s3-bucket-versioning-enabled"
MAX_SWEEPS = 5
ENV = {
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_METRICS_DISABLED": "true",
    "POWERTOOLS_LOG_LEVEL": "CRITICAL",
}


@contextlib.contextmanager
def _no_waiting() -> Any:
    """Backoff sleeps and adaptive mode's client-side pacing skipped: they change timing, not outcomes."""
    import botocore.retries.bucket

    with (
        mock.patch.object(time, "sleep", lambda _: None),
        mock.patch.object(botocore.retries.bucket.TokenBucket, "acquire", lambda *_, **__: True),
    ):
        yield


def measure(findings: int, attempts: int, rate: float = 0.2, seed: int = 8) -> dict[str, Any]:
    """One run on a fresh moto account; returns its figures."""
    from moto import mock_aws

    env = {**ENV, "AWS_MAX_ATTEMPTS": str(attempts)}
    with mock.patch.dict(os.environ, env), _no_waiting(), mock_aws(config={"core": {"reset_boto3_session": False}}):
        os.environ.pop("AWS_ENDPOINT_URL", None)
        return _run(findings, attempts, rate, seed)


def _run(findings: int, attempts: int, rate: float, seed: int) -> dict[str, Any]:
    import warden.remediations.handler as remediation_lambda
    from warden.remediations.worker import REASON_ATTRIBUTE

    from warden.aws import Clients
    from warden.collectors import collector_for
    from warden.findings import Publisher, finding_for
    from warden.ledger import Ledger, S3Store, verify
    from warden.pipeline import MAX_RECEIVE_COUNT, SqsPoller, create_stack, recording_processor
    from warden.registry import load_rules
    from warden.testing import RandomFaults, inject_random_faults

    harness = Clients(max_attempts=10)  # the account's and Lambda's own side: never faulted
    rule = load_rules().get(RULE)
    stack = create_stack(harness, load_rules().all())
    s3 = harness.client("s3")
    collector = collector_for("AWS::S3::Bucket")
    published = []
    for i in range(findings):
        name = f"fault-{i:04d}"
        s3.create_bucket(Bucket=name)
        item = collector.read(harness, "us-east-1", harness.account_id, name, rule.attributes)
        published.append(finding_for(rule.run(item), "scan"))
    Publisher(harness.client("sns"), stack.topic_arn).publish(published)
    settings = {
        "remediation": {
            "default_mode": "auto",
            "verify_delay_seconds": 0,
            "max_changes_per_rule": findings * 10,
            "max_changes_per_rule_per_hour": findings * 10,
        }
    }
    os.environ.update(
        {
            "WARDEN_SETTINGS_JSON": json.dumps(settings),
            "WARDEN_IDEMPOTENCY_TABLE": stack.table,
            "WARDEN_AUDIT_BUCKET": stack.audit_bucket,
            "WARDEN_DLQ_URL": stack.remediation_dlq_url,
            "WARDEN_MAX_RECEIVES": str(MAX_RECEIVE_COUNT),
        }
    )
    remediation_lambda._worker = None
    remediation_lambda.processor = recording_processor()
    try:
        worker_clients = remediation_lambda.worker()._remediator._clients
        counts = RandomFaults()
        rng = random.Random(seed)
        for service in ("s3", "dynamodb", "sqs", "sts"):
            inject_random_faults(worker_clients.client(service, "us-east-1"), rate, rng, counts)
        started = time.perf_counter()
        delivery = SqsPoller(
            harness,
            stack.remediation_queue_url,
            stack.remediation_queue_arn,
            remediation_lambda.lambda_handler,
            "warden-remediation",
            deadline_ms=1,
        ).drain(max_batches=findings * 10)
        # The scheduled sweep, as EventBridge would run it every 15 minutes (time compressed: no grace, the
        # emulated deliveries are over), faults still on, until it has nothing left to do.
        sweeps = []
        for _ in range(MAX_SWEEPS):
            sweeps.append(remediation_lambda.worker().sweep(grace=dt.timedelta(0)))
            last = sweeps[-1]
            if not (last["still_open"] or last["dead_letters_annotated"] or last["errors"]):
                break
        seconds = time.perf_counter() - started
    finally:
        remediation_lambda._worker = None

    sqs = harness.client("sqs")
    dead: dict[str, bool] = {}  # finding id -> the message carries a reason
    while messages := sqs.receive_message(
        QueueUrl=stack.remediation_dlq_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"]
    ).get("Messages", []):
        for message in messages:
            finding_id = json.loads(message["Body"]).get("finding_id", message["MessageId"])
            dead[finding_id] = REASON_ATTRIBUTE in message.get("MessageAttributes", {})
            sqs.delete_message(QueueUrl=stack.remediation_dlq_url, ReceiptHandle=message["ReceiptHandle"])
    store = S3Store(s3, stack.audit_bucket)
    records = list(Ledger(store).records())
    remediated = Counter(r["resource_id"] for r in records if r["outcome"] == "REMEDIATED")
    intended = {r["resource_id"] for r in records if r["outcome"] == "INTENT"}
    failed_findings = {r["finding_id"] for r in records if r["outcome"] == "FAILED"}
    fixed, lost, unrecorded = 0, [], []
    for finding in published:
        bucket = finding.evaluation.resource_id
        changed = s3.get_bucket_versioning(Bucket=bucket).get("Status") == "Enabled"
        fixed += changed
        if changed and not remediated[bucket]:
            unrecorded.append(bucket)
        if not changed and finding.finding_id not in dead:
            lost.append(bucket)
    report = verify(store)
    return {
        "findings": findings,
        "attempts_per_call": attempts,
        "fault_rate": rate,
        "seed": seed,
        "worker_api_calls": counts.calls,
        "faults_injected": counts.faults,
        "fixed": fixed,
        "dead_lettered": len(dead),
        "dead_lettered_with_reason_attribute": sum(dead.values()),
        "dead_lettered_without_reason": sum(1 for f, r in dead.items() if not r and f not in failed_findings),
        "lost": len(lost),
        "changed_without_remediated": len(unrecorded),
        "changed_without_intent": sum(1 for bucket in unrecorded if bucket not in intended),
        "changed_without_remediated_in_dlq": sum(
            1 for f in published if f.evaluation.resource_id in unrecorded and f.finding_id in dead
        ),
        "remediated_twice": sum(1 for n in remediated.values() if n > 1),
        "changed_without_remediated_records": {  # what the ledger says of each, to find the gap
            bucket: [f"{r['outcome']}:{r.get('error_code') or ''}" for r in records if r.get("resource_id") == bucket]
            for bucket in unrecorded[:5]
        },
        "outcomes": dict(sorted(Counter(r["outcome"] for r in records).items())),
        "receives": delivery.delivered,
        "sweeps": len(sweeps),
        "settled_by_sweeps": dict(sum((Counter(s["settled"]) for s in sweeps), Counter())),
        "dead_letters_annotated_by_sweeps": sum(s["dead_letters_annotated"] for s in sweeps),
        "sweeps_with_errors": sum(1 for s in sweeps if s["errors"]),
        "intents_open_after_sweeps": sweeps[-1]["still_open"] if sweeps else None,
        "failed_receives": delivery.failed,
        "chain_records": report.records,
        "chain_intact": report.ok,
        "chain_problems": [str(p) for p in report.problems],
        "seconds": round(seconds, 1),
    }


def main() -> int:
    warnings.filterwarnings("ignore", message="No application metrics")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--findings", type=int, default=200)
    parser.add_argument("--rate", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    runs = []
    for attempts in (1, 3):
        with contextlib.redirect_stdout(io.StringIO()):  # Powertools' log lines and metric flushes
            runs.append(measure(args.findings, attempts, args.rate, args.seed))
    text = json.dumps({"runs": runs}, indent=2)
    print(text)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(text + "\n")
    ok = all(r["lost"] == 0 and r["changed_without_remediated"] == 0 and r["chain_intact"] for r in runs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
