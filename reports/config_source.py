"""Warden's evaluations as AWS Config recorded them, shaped as `warden.scan/v2` results.

When Warden is deployed, its rules run as Config custom rules named `warden-<rule id>`; the daily
report reads their results back with `GetComplianceDetailsByConfigRule`, or, for an organization,
with the configuration aggregator's variants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from warden.model import default_arn
from warden.registry import Rule

SCAN_SCHEMA = "warden.scan/v2"
RULE_PREFIX = "warden-"


def config_rule_name(rule: Rule) -> str:
    return f"{RULE_PREFIX}{rule.id}"


def _evaluation(rule: Rule, result: Mapping[str, Any], region: str, account_id: str) -> dict[str, Any]:
    qualifier = result["EvaluationResultIdentifier"]["EvaluationResultQualifier"]
    resource_type, resource_id = str(qualifier["ResourceType"]), str(qualifier["ResourceId"])
    return {
        "rule_id": rule.id,
        "controls": list(rule.controls),
        "severity": rule.severity.value,
        "resource_type": resource_type,
        "resource_id": resource_id,
        "resource_arn": default_arn(resource_type, resource_id, region, account_id)
        or _identifier(resource_type, resource_id, region, account_id),
        "region": region,
        "account_id": account_id,
        "compliance": str(result["ComplianceType"]),
        "annotation": str(result.get("Annotation") or f"{result['ComplianceType']} as recorded by AWS Config")[:256],
        "remediation_id": rule.remediation,
    }


def _identifier(resource_type: str, resource_id: str, region: str, account_id: str) -> str:
    """Config reports a type and an id, not an ARN: an id in ARN form, unique per resource, stands in."""
    service = resource_type.split("::")[1].lower() or "account"
    return f"arn:aws:{service}:{region}:{account_id}:{resource_type.split('::')[-1].lower()}/{resource_id}"


def _pages(call: Any, **kwargs: Any) -> Iterator[Mapping[str, Any]]:
    token = None
    while True:
        page = call(**kwargs, **({"NextToken": token} if token else {}))
        yield page
        token = page.get("NextToken")
        if not token:
            return


def scan_result_from_config(
    config: Any,
    rules: Iterable[Rule],
    *,
    account_id: str,
    region: str,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """Every recorded evaluation of Warden's rules in one account and region; a rule Config cannot
    answer for (not deployed there, access denied) becomes an `errors` entry, never a gap."""
    import botocore.exceptions

    stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    evaluations: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for rule in rules:
        try:
            for page in _pages(
                config.get_compliance_details_by_config_rule, ConfigRuleName=config_rule_name(rule), Limit=100
            ):
                evaluations.extend(_evaluation(rule, r, region, account_id) for r in page.get("EvaluationResults", []))
        except botocore.exceptions.ClientError as exc:
            errors.append(_error(rule, region, "GetComplianceDetailsByConfigRule", exc))
    return _result(account_id, [region], stamp, evaluations, errors)


def scan_results_from_aggregator(
    config: Any, aggregator: str, rules: Iterable[Rule], *, now: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """One result per account and region that the aggregator holds Warden evaluations for."""
    import botocore.exceptions

    stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    by_place: dict[tuple[str, str], dict[str, Any]] = {}
    for rule in rules:
        name = config_rule_name(rule)
        try:
            places = {
                (str(entry["AccountId"]), str(entry["AwsRegion"]))
                for page in _pages(
                    config.describe_aggregate_compliance_by_config_rules,
                    ConfigurationAggregatorName=aggregator,
                    Filters={"ConfigRuleName": name},
                )
                for entry in page.get("AggregateComplianceByConfigRules", [])
            }
        except botocore.exceptions.ClientError as exc:
            place = by_place.setdefault(("", ""), _result("", [], stamp, [], []))
            place["errors"].append(_error(rule, "", "DescribeAggregateComplianceByConfigRules", exc))
            continue
        for account_id, region in sorted(places):
            result = by_place.setdefault((account_id, region), _result(account_id, [region], stamp, [], []))
            try:
                for page in _pages(
                    config.get_aggregate_compliance_details_by_config_rule,
                    ConfigurationAggregatorName=aggregator,
                    ConfigRuleName=name,
                    AccountId=account_id,
                    AwsRegion=region,
                    Limit=100,
                ):
                    result["evaluations"].extend(
                        _evaluation(rule, r, region, account_id) for r in page.get("AggregateEvaluationResults", [])
                    )
            except botocore.exceptions.ClientError as exc:
                result["errors"].append(_error(rule, region, "GetAggregateComplianceDetailsByConfigRule", exc))
    return [r for key, r in sorted(by_place.items()) if key != ("", "") or r["errors"]]


def _error(rule: Rule, region: str, operation: str, exc: Any) -> dict[str, Any]:
    error = exc.response.get("Error", {})
    return {
        "resource_type": rule.resource_types[0],
        "region": region or "aggregator",
        "operation": operation,
        "error_code": str(error.get("Code", "ClientError")),
        "message": f"{config_rule_name(rule)}: {error.get('Message', '')}",
    }


def _result(
    account_id: str, regions: list[str], stamp: str, evaluations: list[dict[str, Any]], errors: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "schema": SCAN_SCHEMA,
        "account_id": account_id,
        "regions": regions or ["aggregator"],
        "started_at": stamp,
        "finished_at": stamp,
        "partial": False,
        "evaluations": evaluations,
        "errors": errors,
        "expired_exemptions": [],
    }
