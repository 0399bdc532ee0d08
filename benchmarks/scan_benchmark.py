"""Scan benchmark: Warden against Cloud Custodian on the same local moto server, in the same run.

Seeds a moto server on 127.0.0.1 with N buckets and N REST API stages (half compliant), then runs
`warden scan` and `custodian run` with the equivalent checks (S3.5, APIGateway.1, APIGateway.3), each
in its own process. Reports wall time, AWS API calls per resource and peak memory. With `--mixed M`, a
second server holds a mixed account (16 services, M resources spread evenly) that `warden scan` reads
with every rule: its calls per resource against the minimal-call floor (one call per distinct attribute
the rules need, per resource, or per region for an account-wide one, plus one listing per resource type)
and its peak traced memory. Everything stays on 127.0.0.1 and every loop is bounded.

    python benchmarks/scan_benchmark.py [--resources 1000] [--mixed 5000] [--custodian PATH] [--json out.json]
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import boto3

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warden.aws import Clients  # noqa: E402
from warden.demo_account import tls_only_policy  # noqa: E402

REGION = "us-east-1"
CONTROLS = ("S3.5", "APIGateway.1", "APIGateway.3")
# Each control's equivalent Custodian policy below, whose matched resources are Warden's findings.
CUSTODIAN_POLICY_FOR = {
    "S3.5": "s3-ssl-requests-only",
    "APIGateway.1": "rest-stage-execution-logging",
    "APIGateway.3": "rest-stage-xray",
}
SEEDED_TYPES = {"buckets": "AWS::S3::Bucket", "rest_stages": "AWS::ApiGateway::Stage"}
CUSTODIAN_POLICY = """
policies:
  - name: s3-ssl-requests-only
    resource: aws.s3
    filters:
      - not:
          - type: has-statement
            statements:
              - Effect: Deny
                Action: "s3:*"
                Principal: "*"
                Condition: {Bool: {"aws:SecureTransport": "false"}}
  - name: rest-stage-execution-logging
    resource: aws.rest-stage
    filters:
      - type: value
        key: 'methodSettings."*/*".loggingLevel'
        op: not-in
        value: [ERROR, INFO]
  - name: rest-stage-xray
    resource: aws.rest-stage
    filters:
      - type: value
        key: tracingEnabled
        value: true
        op: ne
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class MotoServer:
    """A moto server subprocess on 127.0.0.1 whose request log counts the calls each client makes."""

    def __init__(self, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        moto = shutil.which("moto_server", path=str(Path(sys.executable).parent)) or "moto_server"
        self._handle = log.open("w")
        self.process = subprocess.Popen(
            [moto, "-H", "127.0.0.1", "-p", str(self.port)], stdout=self._handle, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("moto server did not start")

    def requests_so_far(self) -> int:
        self._handle.flush()
        return sum(
            1 for line in self.log.read_text().splitlines() if '" 200 ' in line or '" 20' in line or '" 40' in line
        )

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: do not let the figures die with the server
            self.process.kill()
            self.process.wait(timeout=30)
        self._handle.close()


def seed(url: str, count: int, start: int = 0) -> None:
    clients = Clients(boto3.session.Session(region_name=REGION), endpoint_url=url)
    s3 = clients.client("s3", REGION)
    apigw = clients.client("apigateway", REGION)

    def bucket(i: int) -> None:
        name = f"bench-{i:05d}"
        s3.create_bucket(Bucket=name)
        if i % 2 == 0:
            s3.put_bucket_policy(Bucket=name, Policy=tls_only_policy(name))

    def api(i: int) -> None:
        created = apigw.create_rest_api(name=f"bench-{i:05d}")
        root = apigw.get_resources(restApiId=created["id"])["items"][0]["id"]
        apigw.put_method(restApiId=created["id"], resourceId=root, httpMethod="GET", authorizationType="NONE")
        apigw.put_integration(restApiId=created["id"], resourceId=root, httpMethod="GET", type="MOCK")
        deployment = apigw.create_deployment(restApiId=created["id"])["id"]
        for stage in ("prod", "dev"):  # two stages per API: prod compliant, dev not
            apigw.create_stage(restApiId=created["id"], stageName=stage, deploymentId=deployment)
        apigw.update_stage(
            restApiId=created["id"],
            stageName="prod",
            patchOperations=[
                {"op": "replace", "path": "/*/*/logging/loglevel", "value": "ERROR"},
                {"op": "replace", "path": "/tracingEnabled", "value": "true"},
            ],
        )

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(bucket, range(start, start + count)))
        list(pool.map(api, range(start // 2, (start + count) // 2)))


_RSS_PROBE = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "sys.stderr.write(f'\\npeak_rss_kib={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n'); "
    "sys.exit(done.returncode)"
)


def run_measured(argv: list[str], env: dict[str, str]) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    """Wall seconds and peak RSS (KiB) of one command, measured by a wrapper whose only child it is."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _RSS_PROBE, *argv], env=env, capture_output=True, text=True, timeout=1800, check=False
    )
    wall = time.perf_counter() - started
    rss = int(done.stderr.rsplit("peak_rss_kib=", 1)[1].split()[0])
    return wall, rss, done


def warden_memory_profile(url: str) -> dict[str, Any]:
    """Peak traced memory of a warm in-process scan, and the bytes still held when it ends.

    A first, untraced scan loads botocore's service models and the rules, so the traced one measures
    the scan itself: what it holds at the end is the result (the evaluations).
    """
    from warden.registry import load_rules
    from warden.scan import Scanner

    rules = load_rules().select(controls=CONTROLS)
    clients = Clients(boto3.session.Session(region_name=REGION), endpoint_url=url)
    Scanner(clients).run(rules, [REGION])
    tracemalloc.start()
    result = Scanner(clients).run(rules, [REGION])
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"evaluations": len(result.evaluations), "peak_bytes": peak, "retained_bytes": retained}


def count_mismatches(warden: dict[str, Any], custodian: dict[str, int] | None, seeded: dict[str, int]) -> list[str]:
    """Why the two tools' counts disagree, or with what was seeded; empty when everything matches.

    A speed figure is worthless if one tool scanned less: Warden must have listed every seeded resource
    without an error, and both tools must have found the same number of non-compliant resources per check.
    """
    problems = [f"warden: {e['operation']} {e['error_code']}: {e['message']}" for e in warden["errors"]]
    for name, resource_type in SEEDED_TYPES.items():
        evaluated = len({e["resource_arn"] for e in warden["evaluations"] if e["resource_type"] == resource_type})
        if evaluated != seeded[name]:
            problems.append(f"warden evaluated {evaluated} {name}, {seeded[name]} were seeded")
    if custodian is not None:
        for control, policy in CUSTODIAN_POLICY_FOR.items():
            found = warden_findings(warden).get(control, 0)
            if found != custodian[policy]:
                problems.append(f"{control}: warden found {found}, custodian's {policy} matched {custodian[policy]}")
    return problems


def warden_findings(document: dict[str, Any]) -> dict[str, int]:
    """Non-compliant resources per control."""
    findings: dict[str, int] = {}
    for e in document["evaluations"]:
        if e["compliance"] == "NON_COMPLIANT":
            findings[e["controls"][0]] = findings.get(e["controls"][0], 0) + 1
    return findings


ROLE_TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": ["lambda.amazonaws.com", "states.amazonaws.com"]},
            "Action": "sts:AssumeRole",
        }
    ],
}
STATE_MACHINE = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}})


def _zip() -> bytes:
    import zipfile

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as code:
        code.writestr("app.py", "def handler(event, context):\n    return event\n")
    return archive.getvalue()


def mixed_creators(clients: Clients) -> dict[str, Any]:
    """One function per service that creates its i-th resource (a few calls at most)."""
    c = clients.client
    role = c("iam", REGION).create_role(RoleName="mix-role", AssumeRolePolicyDocument=json.dumps(ROLE_TRUST))
    role_arn, code = role["Role"]["Arn"], _zip()
    vpc = c("ec2", REGION).describe_vpcs()["Vpcs"][0]["VpcId"]
    key = {
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        "BillingMode": "PAY_PER_REQUEST",
    }

    def rest_api(i: int) -> None:
        apigw = c("apigateway", REGION)
        api = apigw.create_rest_api(name=f"mix-{i}")["id"]
        root = apigw.get_resources(restApiId=api)["items"][0]["id"]
        apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
        apigw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
        deployment = apigw.create_deployment(restApiId=api)["id"]
        apigw.create_stage(restApiId=api, stageName="prod", deploymentId=deployment)

    return {
        "S3": lambda i: c("s3", REGION).create_bucket(Bucket=f"mix-{i:05d}"),
        "SQS": lambda i: c("sqs", REGION).create_queue(QueueName=f"mix-{i}"),
        "SNS": lambda i: c("sns", REGION).create_topic(Name=f"mix-{i}"),
        "DynamoDB": lambda i: c("dynamodb", REGION).create_table(TableName=f"mix-{i}", **key),
        "Lambda": lambda i: c("lambda", REGION).create_function(
            FunctionName=f"mix-{i}", Runtime="python3.12", Role=role_arn, Handler="app.handler", Code={"ZipFile": code}
        ),
        "IAM": lambda i: c("iam", REGION).create_user(UserName=f"mix-{i}"),
        "EC2": lambda i: c("ec2", REGION).create_security_group(GroupName=f"mix-{i}", Description="mix", VpcId=vpc),
        "KMS": lambda i: c("kms", REGION).create_key(Description=f"mix-{i}"),
        "SecretsManager": lambda i: c("secretsmanager", REGION).create_secret(Name=f"mix-{i}", SecretString="x"),
        "ECR": lambda i: c("ecr", REGION).create_repository(repositoryName=f"mix-{i}"),
        "StepFunctions": lambda i: c("stepfunctions", REGION).create_state_machine(
            name=f"mix-{i}", definition=STATE_MACHINE, roleArn=role_arn
        ),
        "EventBridge": lambda i: c("events", REGION).create_event_bus(Name=f"mix-{i}"),
        "ECS": lambda i: c("ecs", REGION).create_cluster(clusterName=f"mix-{i}"),
        "RDS": lambda i: c("rds", REGION).create_db_instance(
            DBInstanceIdentifier=f"mix-{i}",
            DBInstanceClass="db.t3.micro",
            Engine="postgres",
            MasterUsername="bench",
            MasterUserPassword="bench-password",
            AllocatedStorage=20,
        ),
        "ElastiCache": lambda i: c("elasticache", REGION).create_cache_cluster(
            CacheClusterId=f"mix-{i}", Engine="redis", CacheNodeType="cache.t3.micro", NumCacheNodes=1
        ),
        "APIGateway": rest_api,
    }


def seed_mixed(url: str, total: int) -> dict[str, int]:
    """`total` resources spread evenly over 16 services; how many of each."""
    clients = Clients(boto3.session.Session(region_name=REGION), endpoint_url=url)
    creators = mixed_creators(clients)
    jobs = list(zip(itertools.cycle(creators), range(total), strict=False))
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda job: creators[job[0]](job[1]), jobs))
    return {service: sum(1 for s, _ in jobs if s == service) for service in creators}


def minimal_calls(document: dict[str, Any]) -> int:
    """The floor: one listing per resource type scanned, then per resource one call for each distinct attribute
    its type's rules need (not counting one that another needed attribute's call includes), and for a resource
    with a finding one tag read (to honour `warden:exempt`) where the rules do not need the tags anyway; an
    account-wide attribute (backup plans) costs one call per operation and region, not one per resource.
    Fewer calls are possible: some attributes come with the listing."""
    from warden.registry import load_rules
    from warden.scan import plan_scan

    plans = {plan.collector.resource_type: plan for plan in plan_scan(load_rules().all())}
    resources: dict[str, set[str]] = {}
    regions: dict[str, set[str]] = {}
    failing: dict[str, set[str]] = {}
    for e in document["evaluations"]:
        resources.setdefault(e["resource_type"], set()).add(e["resource_arn"])
        regions.setdefault(e["resource_type"], set()).add(e["region"])
        if e["compliance"] == "NON_COMPLIANT":
            failing.setdefault(e["resource_type"], set()).add(e["resource_arn"])
    floor = len(plans)
    account_wide: set[tuple[str, str]] = set()
    for kind, arns in resources.items():
        plan = plans.get(kind)
        if plan is None:
            continue
        needed = [plan.collector.attributes[name] for name in plan.attributes]
        included = {name for attribute in needed for name in attribute.includes}
        per_resource = [a for a in needed if a.name not in included and not a.account_wide]
        account_wide.update((a.operation, region) for a in needed if a.account_wide for region in regions[kind])
        floor += len(arns) * len(per_resource)
        if "Tags" in plan.collector.attributes and "Tags" not in plan.attributes:
            floor += len(failing.get(kind, ()))
    return floor + len(account_wide)


def mixed_account(total: int, work: Path) -> dict[str, Any]:
    """The mixed account on its own server, scanned in-process with every rule: once for time and calls
    (botocore's models and the rules load there), once more under tracemalloc for the scan's peak memory."""
    from warden.registry import load_rules
    from warden.scan import Scanner

    server = MotoServer(work / "moto-mixed.log")
    try:
        started = time.perf_counter()
        seeded = seed_mixed(server.url, total)
        figures: dict[str, Any] = {"seeded": seeded, "seed_seconds": round(time.perf_counter() - started, 1)}
        rules = load_rules().all()
        clients = Clients(boto3.session.Session(region_name=REGION), endpoint_url=server.url)
        before = server.requests_so_far()
        started = time.perf_counter()
        document = Scanner(clients).run(rules, [REGION]).to_dict()
        wall = time.perf_counter() - started
        calls = document["stats"]["api_calls"]
        resources = document["stats"]["resources_evaluated"]
        floor = minimal_calls(document)
        figures["warden"] = {
            "wall_seconds": round(wall, 2),
            "resources": resources,
            "rules": len(rules),
            "api_calls_hook": calls,
            "api_calls_server": server.requests_so_far() - before,
            "calls_per_resource": round(calls / resources, 3),
            "minimal_calls": floor,
            "minimal_calls_per_resource": round(floor / resources, 3),
            "errors": sorted({f"{e['operation']} {e['error_code']}" for e in document["errors"]}),
            "busiest_operations": dict(sorted(clients.calls.items(), key=lambda kv: -kv[1])[:12]),
        }
        tracemalloc.start()
        result = Scanner(clients).run(rules, [REGION])
        retained, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        figures["memory"] = {"evaluations": len(result.evaluations), "peak_bytes": peak, "retained_bytes": retained}
        return figures
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resources", type=int, default=1000, help="buckets and stages each")
    parser.add_argument("--mixed", type=int, default=0, help="resources in the mixed 16-service account (0: none)")
    parser.add_argument("--custodian", default=str(ROOT / ".venv-custodian/bin/custodian"))
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="warden-bench-"))
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    os.environ.update({k: env[k] for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION")})
    server = MotoServer(work / "moto.log")
    env["AWS_ENDPOINT_URL"] = server.url
    figures: dict[str, Any] = {"resources": {"buckets": args.resources, "rest_stages": args.resources}}
    try:
        small = max(args.resources // 5, 10)
        t = time.perf_counter()
        seed(server.url, small)
        figures["memory_small"] = warden_memory_profile(server.url)
        seed(server.url, args.resources - small, start=small)
        figures["seed_seconds"] = round(time.perf_counter() - t, 1)
        figures["memory_large"] = warden_memory_profile(server.url)

        before = server.requests_so_far()
        warden = str(Path(sys.executable).with_name("warden"))
        argv = [warden, "scan", "--region", REGION, "--format", "json", "--output", str(work / "warden.json")]
        for control in CONTROLS:
            argv += ["--control", control]
        wall, rss, done = run_measured(argv, env)
        if done.returncode != 0:
            raise RuntimeError(f"warden failed: {done.stderr}")
        document = json.loads((work / "warden.json").read_text())
        figures["warden"] = {
            "wall_seconds": round(wall, 2),
            "peak_rss_mib": round(rss / 1024, 1),
            "api_calls_hook": document["stats"]["api_calls"],
            "api_calls_server": server.requests_so_far() - before,
            "resources": document["stats"]["resources_evaluated"],
            "findings": warden_findings(document),
            "errors": len(document["errors"]),
        }
        figures["warden"]["calls_per_resource"] = round(
            figures["warden"]["api_calls_hook"] / figures["warden"]["resources"], 3
        )

        matched: dict[str, int] | None = None  # Custodian's findings per policy, when it runs
        if Path(args.custodian).exists():
            policy = work / "custodian.yml"
            policy.write_text(CUSTODIAN_POLICY)
            before = server.requests_so_far()
            wall, rss, done = run_measured(
                [
                    args.custodian,
                    "run",
                    "-s",
                    str(work / "c7n"),
                    "--region",
                    REGION,
                    "--cache-period",
                    "0",
                    str(policy),
                ],
                env,
            )
            if done.returncode != 0:
                raise RuntimeError(f"custodian failed: {done.stderr[-2000:]}")
            matched = {
                name: len(json.loads((work / "c7n" / name / "resources.json").read_text()))
                for name in CUSTODIAN_POLICY_FOR.values()
            }
            calls = server.requests_so_far() - before
            figures["custodian"] = {
                "wall_seconds": round(wall, 2),
                "peak_rss_mib": round(rss / 1024, 1),
                "api_calls_server": calls,
                "calls_per_resource": round(calls / (2 * args.resources), 3),
                "findings": matched,
            }
            figures["speedup"] = round(figures["custodian"]["wall_seconds"] / figures["warden"]["wall_seconds"], 2)
        else:
            figures["custodian"] = f"not installed at {args.custodian} (make bench installs it)"
        mismatches = count_mismatches(document, matched, figures["resources"])
        if args.mixed:
            figures["mixed_account"] = mixed_account(args.mixed, work)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

    small, large = figures["memory_small"], figures["memory_large"]
    figures["memory_growth"] = {
        "peak_minus_retained_small": small["peak_bytes"] - small["retained_bytes"],
        "peak_minus_retained_large": large["peak_bytes"] - large["retained_bytes"],
        "retained_bytes_per_evaluation": round(large["retained_bytes"] / max(large["evaluations"], 1)),
    }
    text = json.dumps(figures, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n")
    if mismatches:
        sys.stderr.write("the tools did not scan the same resources:\n" + "".join(f"  {m}\n" for m in mismatches))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
