"""The deployed daily report: Warden's results read back from AWS Config (pinned with Stubber, which moto
lacks), written to the reports bucket as hive-partitioned JSON Lines that a SQL engine can query."""

from __future__ import annotations

import datetime as dt

import boto3
import duckdb
import pytest
from botocore.stub import Stubber
from warden.reports.config_source import scan_result_from_config, scan_results_from_aggregator
from warden.reports.daily import DailyReport

from warden.registry import load_rules

REGISTRY = load_rules()
RULES = [REGISTRY.get("s3-bucket-ssl-requests-only"), REGISTRY.get("s3-bucket-versioning-enabled")]
NOW = dt.datetime(2026, 11, 30, 6, 0, tzinfo=dt.UTC)


def _result(rule_name, resource_id, compliance, resource_type="AWS::S3::Bucket"):
    return {
        "EvaluationResultIdentifier": {
            "EvaluationResultQualifier": {
                "ConfigRuleName": rule_name,
                "ResourceType": resource_type,
                "ResourceId": resource_id,
            },
            "OrderingTimestamp": NOW,
        },
        "ComplianceType": compliance,
        "ResultRecordedTime": NOW,
        "ConfigRuleInvokedTime": NOW,
        "Annotation": f"{resource_id}: {compliance}",
    }


def _config():
    return boto3.client("config", region_name="eu-west-1")


def test_results_are_read_page_by_page_and_a_missing_rule_is_an_error():
    config = _config()
    ssl, versioning = (f"warden-{r.id}" for r in RULES)
    with Stubber(config) as stub:
        stub.add_response(
            "get_compliance_details_by_config_rule",
            {"EvaluationResults": [_result(ssl, "a", "COMPLIANT")], "NextToken": "t1"},
            {"ConfigRuleName": ssl, "Limit": 100},
        )
        stub.add_response(
            "get_compliance_details_by_config_rule",
            {"EvaluationResults": [_result(ssl, "b", "NON_COMPLIANT")]},
            {"ConfigRuleName": ssl, "Limit": 100, "NextToken": "t1"},
        )
        stub.add_client_error(
            "get_compliance_details_by_config_rule",
            "NoSuchConfigRuleException",
            "no such rule",
            expected_params={"ConfigRuleName": versioning, "Limit": 100},
        )
        result = scan_result_from_config(config, RULES, account_id="111122223333", region="eu-west-1", now=NOW)
        stub.assert_no_pending_responses()
    assert [(e["resource_id"], e["compliance"]) for e in result["evaluations"]] == [
        ("a", "COMPLIANT"),
        ("b", "NON_COMPLIANT"),
    ]
    assert result["evaluations"][0]["resource_arn"] == "arn:aws:s3:::a"
    assert [(e["operation"], e["error_code"]) for e in result["errors"]] == [
        ("GetComplianceDetailsByConfigRule", "NoSuchConfigRuleException")
    ]


def test_an_aggregator_yields_one_result_per_account_and_region():
    config = _config()
    ssl = f"warden-{RULES[0].id}"
    with Stubber(config) as stub:
        stub.add_response(
            "describe_aggregate_compliance_by_config_rules",
            {
                "AggregateComplianceByConfigRules": [
                    {"ConfigRuleName": ssl, "AccountId": "111122223333", "AwsRegion": "eu-west-1"},
                    {"ConfigRuleName": ssl, "AccountId": "444455556666", "AwsRegion": "us-east-1"},
                ]
            },
            {"ConfigurationAggregatorName": "org", "Filters": {"ConfigRuleName": ssl}},
        )
        for account, region, resource in (("111122223333", "eu-west-1", "a"), ("444455556666", "us-east-1", "z")):
            stub.add_response(
                "get_aggregate_compliance_details_by_config_rule",
                {"AggregateEvaluationResults": [_result(ssl, resource, "NON_COMPLIANT")]},
                {
                    "ConfigurationAggregatorName": "org",
                    "ConfigRuleName": ssl,
                    "AccountId": account,
                    "AwsRegion": region,
                    "Limit": 100,
                },
            )
        results = scan_results_from_aggregator(config, "org", RULES[:1], now=NOW)
        stub.assert_no_pending_responses()
    assert [(r["account_id"], r["regions"], len(r["evaluations"])) for r in results] == [
        ("111122223333", ["eu-west-1"], 1),
        ("444455556666", ["us-east-1"], 1),
    ]


class _Clients:
    def __init__(self, config, s3):
        self._clients = {"config": config, "s3": s3}

    def client(self, service, region=None):
        return self._clients[service]


@pytest.fixture
def written(aws, tmp_path):
    s3 = aws.client("s3", "eu-west-1")
    s3.create_bucket(Bucket="reports", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    config = _config()
    ssl, versioning = (f"warden-{r.id}" for r in RULES)
    with Stubber(config) as stub:
        stub.add_response(
            "get_compliance_details_by_config_rule",
            {"EvaluationResults": [_result(ssl, "a", "COMPLIANT"), _result(ssl, "b", "NON_COMPLIANT")]},
        )
        stub.add_response(
            "get_compliance_details_by_config_rule", {"EvaluationResults": [_result(versioning, "a", "NON_COMPLIANT")]}
        )
        daily = DailyReport(_Clients(config, s3), RULES, "reports", "warden-reports", "111122223333", "eu-west-1")
        summary = daily.run(now=NOW)
    for item in s3.list_objects_v2(Bucket="reports")["Contents"]:
        target = tmp_path / item["Key"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(s3.get_object(Bucket="reports", Key=item["Key"])["Body"].read())
    return summary, tmp_path / "warden-reports"


def test_the_daily_partitions_are_queryable_with_sql(written):
    summary, root = written
    assert summary == {
        "evaluations": 3,
        "failed": 2,
        "errors": 0,
        "objects": 2,
        "report": "s3://reports/warden-reports/html/date=2026-11-30/report.html",
    }
    glob = str(root / "evaluations" / "*" / "*" / "*" / "*.jsonl")
    rows = duckdb.sql(
        f"SELECT account, region, date, status, count(*) AS n FROM read_json_auto('{glob}', hive_partitioning=true) "
        "GROUP BY ALL ORDER BY status"
    ).fetchall()
    assert [(str(a), r, str(d), s, n) for a, r, d, s, n in rows] == [
        ("111122223333", "eu-west-1", "2026-11-30", "FAILED", 2),
        ("111122223333", "eu-west-1", "2026-11-30", "PASSED", 1),
    ]
    controls = duckdb.sql(
        "SELECT control, count(*) FROM (SELECT unnest(controls) AS control, status "
        f"FROM read_json_auto('{glob}', hive_partitioning=true)) "
        "WHERE status = 'FAILED' GROUP BY control ORDER BY control"
    ).fetchall()
    assert controls == [("S3.14", 1), ("S3.5", 1)]
    assert (root / "html" / "date=2026-11-30" / "report.html").read_text().startswith("<!doctype html>")


def test_the_daily_report_imports_into_security_hub_when_asked(aws):
    s3 = aws.client("s3", "eu-west-1")
    s3.create_bucket(Bucket="reports", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    config = _config()
    ssl = f"warden-{RULES[0].id}"
    clients = _Clients(config, s3)
    clients._clients["securityhub"] = aws.client("securityhub", "eu-west-1")
    with Stubber(config) as stub:
        stub.add_response(
            "get_compliance_details_by_config_rule",
            {"EvaluationResults": [_result(ssl, "a", "COMPLIANT"), _result(ssl, "b", "NON_COMPLIANT")]},
        )
        daily = DailyReport(clients, RULES[:1], "reports", "p", "111122223333", "eu-west-1", security_hub=True)
        summary = daily.run(now=NOW)
    assert summary["security_hub"] == {"imported": 2, "rejected": []}
    findings = clients.client("securityhub").get_findings()["Findings"]
    assert sorted(f["Compliance"]["Status"] for f in findings) == ["FAILED", "PASSED"]
