"""Pipeline benchmark: N findings through SNS → SQS → the remediation Lambda handler, on moto in-process.

Reports throughput, the share of wall time spent inside AWS API calls (botocore + moto) versus Warden's
own code (with Powertools), and the cold import time of each Lambda handler module against a bare
`import boto3` in the same run, measured the way Lambda imports them (LAMBDA_TASK_ROOT set: the X-Ray
SDK then uses its local sampler instead of building an X-Ray client).

    python benchmarks/pipeline_benchmark.py [--findings 1000] [--batch-size 10] [--json out.json]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HANDLERS = ("warden.rules.handler", "warden.trail.handler", "warden.remediations.handler")
LAMBDA_ENV = {"LAMBDA_TASK_ROOT": "/var/task", "AWS_LAMBDA_FUNCTION_NAME": "warden-bench", "AWS_REGION": "us-east-1"}


def import_ms(module: str, runs: int) -> float:
    """Median wall time of importing `module` in a fresh interpreter."""
    code = f"import time; t = time.perf_counter(); import {module}; print((time.perf_counter() - t) * 1000)"
    env = {**os.environ, **LAMBDA_ENV, "PYTHONPATH": str(ROOT)}
    samples = [
        float(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    return round(statistics.median(samples), 1)


class ApiTimer:
    """Sums the wall time spent inside botocore's API calls (moto answers in-process within them)."""

    def __init__(self) -> None:
        import botocore.client

        self.seconds = 0.0
        self.calls = 0
        self.operations: Counter[str] = Counter()  # "service:Operation", "@audit" when on the audit bucket
        self.audit_bucket = ""
        self._lock = threading.Lock()
        self._original = botocore.client.BaseClient._make_api_call
        timer = self

        def timed(client: Any, operation: str, params: Any) -> Any:
            started = time.perf_counter()
            try:
                return timer._original(client, operation, params)
            finally:
                name = f"{client.meta.service_model.service_name}:{operation}"
                if timer.audit_bucket and params.get("Bucket") == timer.audit_bucket:
                    name += "@audit"
                with timer._lock:
                    timer.seconds += time.perf_counter() - started
                    timer.calls += 1
                    timer.operations[name] += 1

        botocore.client.BaseClient._make_api_call = timed

    def reset(self) -> None:
        self.seconds, self.calls = 0.0, 0
        self.operations.clear()


def pipeline(findings: int, batch_size: int = 10) -> dict[str, Any]:
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_REGION": "us-east-1",
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_METRICS_DISABLED": "true",
            "POWERTOOLS_LOG_LEVEL": "CRITICAL",
        }
    )
    os.environ.pop("AWS_ENDPOINT_URL", None)
    from moto import mock_aws

    timer = ApiTimer()
    with mock_aws(config={"core": {"reset_boto3_session": False}}):
        import warden.remediations.handler as remediation_lambda

        from warden.aws import Clients
        from warden.collectors import collector_for
        from warden.findings import Publisher, finding_for
        from warden.ledger import Ledger, S3Store, verify
        from warden.pipeline import SqsPoller, create_stack, recording_processor
        from warden.registry import load_rules

        clients = Clients()
        rule = load_rules().get("s3-bucket-versioning-enabled")
        stack = create_stack(clients, load_rules().all())
        timer.audit_bucket = stack.audit_bucket
        s3 = clients.client("s3")
        collector = collector_for("AWS::S3::Bucket")
        evaluations = []
        for i in range(findings):
            s3.create_bucket(Bucket=f"bench-{i:05d}")
            item = collector.read(clients, "us-east-1", clients.account_id, f"bench-{i:05d}", rule.attributes)
            evaluations.append(rule.run(item))
        settings = {
            "remediation": {
                "default_mode": "auto",
                "verify_delay_seconds": 0,
                "max_changes_per_rule": findings,
                "max_changes_per_rule_per_hour": findings,
            }
        }
        os.environ.update(
            {
                "WARDEN_SETTINGS_JSON": json.dumps(settings),
                "WARDEN_IDEMPOTENCY_TABLE": stack.table,
                "WARDEN_AUDIT_BUCKET": stack.audit_bucket,
                "WARDEN_DLQ_URL": stack.remediation_dlq_url,
            }
        )
        remediation_lambda._worker = None
        remediation_lambda.processor = recording_processor()

        timer.reset()
        started = time.perf_counter()
        Publisher(clients.client("sns"), stack.topic_arn).publish(finding_for(e, "scan") for e in evaluations)
        publish_seconds = time.perf_counter() - started
        publish_api, publish_calls = timer.seconds, timer.calls

        timer.reset()
        started = time.perf_counter()
        delivery = SqsPoller(
            clients,
            stack.remediation_queue_url,
            stack.remediation_queue_arn,
            remediation_lambda.lambda_handler,
            "warden-remediation",
            batch_size=batch_size,
        ).drain(max_batches=findings)
        remediate_seconds = time.perf_counter() - started
        remediate_api, remediate_calls = timer.seconds, timer.calls
        per_finding = {name: round(n / findings, 2) for name, n in timer.operations.most_common()}

        outcomes: dict[str, int] = {}
        for result in remediation_lambda.processor.results:
            outcomes[result.get("outcome", result["status"])] = (
                outcomes.get(result.get("outcome", result["status"]), 0) + 1
            )
        report = verify(Ledger(S3Store(s3, stack.audit_bucket)).store)
    return {
        "findings": findings,
        "batch_size": batch_size,
        "publish": {
            "seconds": round(publish_seconds, 2),
            "findings_per_second": round(findings / publish_seconds, 1),
            "api_share": round(publish_api / publish_seconds, 3),
            "api_calls_per_finding": round(publish_calls / findings, 2),  # SNS PublishBatch: 10 a call
        },
        "remediate": {
            "seconds": round(remediate_seconds, 2),
            "findings_per_second": round(findings / remediate_seconds, 1),
            "batches": delivery.batches,
            "failed_items": delivery.failed,
            "outcomes": outcomes,
            "api_calls": remediate_calls,
            "api_calls_per_finding": round(remediate_calls / findings, 1),
            "api_calls_per_finding_by_kind": _by_kind(per_finding),
            "api_calls_per_finding_by_operation": per_finding,
            "seconds_in_api_calls": round(remediate_api, 2),
            "seconds_in_warden_and_powertools": round(remediate_seconds - remediate_api, 2),
            "api_share": round(remediate_api / remediate_seconds, 3),
        },
        "audit": {"records": report.records, "intact": report.ok},
    }


# Lambda's SQS event source mapping (emulated here): not calls the worker makes.
DELIVERY = ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility")


def _by_kind(per_finding: dict[str, float]) -> dict[str, float]:
    """Calls per finding: the fix's own reads and writes, Warden's overhead (idempotency, blast-radius
    window, audit ledger, identity, dead letters), and Lambda's delivery."""
    kinds = {"fix": 0.0, "overhead": 0.0, "delivery": 0.0}
    for name, n in per_finding.items():
        if name in DELIVERY:
            kind = "delivery"
        elif name.endswith("@audit") or name.split(":")[0] in ("dynamodb", "sts", "sqs", "sns"):
            kind = "overhead"
        else:
            kind = "fix"
        kinds[kind] = round(kinds[kind] + n, 2)
    return kinds


def main() -> int:
    warnings.filterwarnings("ignore", message="No application metrics")  # metrics are disabled here
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--findings", type=int, default=1000)
    parser.add_argument("--import-runs", type=int, default=9)
    parser.add_argument("--batch-size", type=int, default=10, help="messages per invocation (BatchSize)")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    baseline = import_ms("boto3", args.import_runs)
    imports = {"boto3_ms": baseline}
    for module in HANDLERS:
        ms = import_ms(module, args.import_runs)
        imports[module] = {"ms": ms, "ratio_to_boto3": round(ms / baseline, 2)}
    # Powertools auto-flushes metrics every 100 data points even when disabled; keep that off the report.
    with contextlib.redirect_stdout(io.StringIO()):
        measured = pipeline(args.findings, args.batch_size)
    figures = {"cold_imports": imports, "pipeline": measured}
    text = json.dumps(figures, indent=2)
    print(text)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
