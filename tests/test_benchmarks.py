"""The scan benchmark refuses to compare tools that did not scan the same resources."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from warden.collectors import s3 as s3_collector
from warden.demo_account import tls_only_policy
from warden.registry import load_rules
from warden.scan import Scanner, plan_scan

_SPEC = importlib.util.spec_from_file_location(
    "scan_benchmark", Path(__file__).resolve().parent.parent / "benchmarks" / "scan_benchmark.py"
)
assert _SPEC and _SPEC.loader
benchmark = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(benchmark)

CUSTODIAN_AGREES = {"s3-ssl-requests-only": 2, "rest-stage-execution-logging": 0, "rest-stage-xray": 0}


def _scan_buckets(aws, count):
    s3 = aws.client("s3")
    for i in range(count):
        s3.create_bucket(Bucket=f"bench-{i:05d}")
        if i % 2:
            s3.put_bucket_policy(Bucket=f"bench-{i:05d}", Policy=tls_only_policy(f"bench-{i:05d}"))
    return Scanner(aws.clients).run(load_rules().select(controls=benchmark.CONTROLS), ["us-east-1"]).to_dict()


def test_counts_that_agree_pass(aws):
    document = _scan_buckets(aws, 4)
    assert benchmark.count_mismatches(document, CUSTODIAN_AGREES, {"buckets": 4, "rest_stages": 0}) == []


@pytest.mark.parametrize("custodian", [CUSTODIAN_AGREES, None])
def test_a_truncated_listing_is_a_mismatch(aws, monkeypatch, custodian):
    """moto's ListBuckets stops at a full page without a continuation token: the benchmark must notice."""
    monkeypatch.setattr(s3_collector, "LIST_BUCKETS_PAGE_SIZE", 3)
    document = _scan_buckets(aws, 4)
    problems = benchmark.count_mismatches(document, custodian, {"buckets": 4, "rest_stages": 0})
    assert problems[0].startswith("warden: s3:ListBuckets TruncatedListing")
    assert "warden evaluated 3 buckets, 4 were seeded" in problems


def test_findings_that_differ_are_a_mismatch(aws):
    document = _scan_buckets(aws, 4)
    custodian = {**CUSTODIAN_AGREES, "s3-ssl-requests-only": 3}
    assert benchmark.count_mismatches(document, custodian, {"buckets": 4, "rest_stages": 0}) == [
        "S3.5: warden found 2, custodian's s3-ssl-requests-only matched 3"
    ]


def test_the_mixed_account_spreads_its_resources_over_sixteen_services(aws):
    creators = benchmark.mixed_creators(aws.clients)
    assert len(creators) == 16
    for create in creators.values():
        create(0)
    document = Scanner(aws.clients).run(load_rules().all(), ["us-east-1"]).to_dict()
    services = {e["resource_type"].split("::")[1] for e in document["evaluations"]}
    assert {
        "S3", "SQS", "SNS", "DynamoDB", "Lambda", "IAM", "EC2", "KMS", "SecretsManager", "ECR",
        "StepFunctions", "Events", "ECS", "RDS", "ElastiCache", "ApiGateway",
    } <= services  # fmt: skip
    # the floor: every type listed once, and at least one attribute call for some of the resources
    listings = len(plan_scan(load_rules().all()))
    assert listings < benchmark.minimal_calls(document) <= document["stats"]["api_calls"] + listings
