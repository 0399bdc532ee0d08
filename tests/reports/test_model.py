"""The report model: one place where every count, score and framework status is decided."""

from __future__ import annotations

from collections import Counter

from warden.reports import model

from warden import schemas
from warden.registry import load_rules

REGISTRY = load_rules()


def _evaluation(rule_id="s3-bucket-ssl-requests-only", resource="b1", compliance="NON_COMPLIANT", **extra):
    rule = REGISTRY.get(rule_id)
    return {
        "rule_id": rule_id,
        "controls": list(rule.controls),
        "severity": rule.severity.value,
        "resource_type": rule.resource_types[0],
        "resource_id": resource,
        "resource_arn": f"arn:aws:s3:::{resource}",
        "region": "us-east-1",
        "account_id": "123456789012",
        "compliance": compliance,
        "annotation": f"{resource} is {compliance}",
        "remediation_id": rule.remediation,
        **extra,
    }


def _result(*evaluations, finished="2026-11-30T06:00:00+00:00", errors=()):
    return {
        "schema": "warden.scan/v2",
        "partial": False,
        "expired_exemptions": [],
        "account_id": "123456789012",
        "regions": ["us-east-1"],
        "started_at": finished,
        "finished_at": finished,
        "evaluations": list(evaluations),
        "errors": list(errors),
    }


def test_counts_and_breakdowns_agree_with_the_evaluations(results):
    report = model.build(results)
    evaluations = [e for r in results for e in r["evaluations"]]
    assert len(report.rows) == len(evaluations)
    failed = sum(e["compliance"] == "NON_COMPLIANT" for e in evaluations)
    assert report.totals.failed == failed
    assert sum(t.failed for t in report.by_service.values()) == failed
    assert sum(t.failed for t in report.by_location.values()) == failed
    assert sum(t.failed for t in report.by_severity.values()) == failed
    assert len(report.by_location) == 6
    schemas.validate(report.to_dict(), "report")


def test_every_breakdown_counts_each_status_of_each_key_exactly(results):
    report = model.build(results)
    expected: dict[str, Counter] = {name: Counter() for name in ("control", "rule", "service", "severity", "location")}
    for row in report.rows:
        expected["rule"][row.rule_id, row.status] += 1
        expected["service"][row.service, row.status] += 1
        expected["severity"][row.severity, row.status] += 1
        expected["location"][f"{row.account_id}/{row.region}", row.status] += 1
        expected["control"].update((control, row.status) for control in row.controls)
    for name, counted in expected.items():
        breakdown = getattr(report, f"by_{name}")
        assert Counter({(key, s): n for key, t in breakdown.items() for s, n in t.counts.items() if n}) == counted, name
    assert list(report.by_severity)[:5] == list(model.SEVERITY_ORDER)
    assert sum(report.totals.counts.values()) == len(report.rows)


def test_of_two_results_as_old_the_one_given_last_wins():
    first = _result(_evaluation(compliance="NON_COMPLIANT"))
    second = _result(_evaluation(compliance="COMPLIANT"))
    assert [r.status for r in model.build([first, second]).rows] == ["PASSED"]
    assert [r.status for r in model.build([second, first]).rows] == ["FAILED"]


def test_the_latest_evaluation_of_a_resource_wins_when_scans_are_merged():
    old = _result(_evaluation(compliance="NON_COMPLIANT"), finished="2026-11-29T06:00:00+00:00")
    new = _result(_evaluation(compliance="COMPLIANT"), finished="2026-11-30T06:00:00+00:00")
    for order in ([old, new], [new, old]):
        report = model.build(order)
        assert [r.status for r in report.rows] == ["PASSED"]


def test_the_score_counts_only_evaluated_resources_and_exemptions_leave_the_failures():
    exemption = {"owner": "team-a", "reason": "public website", "expires": "2027-01-01"}
    report = model.build(
        [
            _result(
                _evaluation(resource="a", compliance="COMPLIANT"),
                _evaluation(resource="b", compliance="NON_COMPLIANT"),
                _evaluation(resource="c", compliance="NON_COMPLIANT", exemption=exemption),
                _evaluation(resource="d", compliance="NOT_APPLICABLE"),
                _evaluation(resource="e", compliance="INSUFFICIENT_DATA"),
            )
        ]
    )
    totals = report.totals
    assert (totals.passed, totals.failed, totals.exempt, totals.not_applicable, totals.not_evaluated) == (1, 1, 1, 1, 1)
    assert totals.score == 50.0
    assert [r.resource_id for r in report.findings] == ["b"]
    assert model.build([_result(_evaluation(compliance="NOT_APPLICABLE"))]).totals.score is None


def _view(requirements, rows, errors=()):
    document = {"id": "test", "title": "Test", "version": "1", "requirements": requirements}
    return model.framework_view(document, rows, list(errors), REGISTRY)


def _rows(*evaluations):
    return [model.Row.from_evaluation(e) for e in evaluations]


def test_a_requirement_without_a_rule_is_not_covered_never_passed():
    view = _view(
        [
            {"id": "R.1", "title": "covered", "rules": ["s3-bucket-ssl-requests-only"]},
            {"id": "R.2", "title": "no rule", "rules": []},
            {"id": "R.3", "title": "unknown rule", "rules": ["no-such-rule"]},
        ],
        _rows(_evaluation(compliance="COMPLIANT")),
    )
    assert [r.status for r in view.requirements] == ["PASSED", "NOT_COVERED", "NOT_COVERED"]
    assert view.score == 100.0
    assert view.counts()["NOT_COVERED"] == 2


def test_read_errors_make_a_requirement_not_evaluated_with_the_reason():
    error = {
        "resource_type": "AWS::S3::Bucket",
        "region": "us-east-1",
        "operation": "ListBuckets",
        "error_code": "AccessDenied",
        "message": "denied",
    }
    view = _view([{"id": "R.1", "title": "t", "rules": ["s3-bucket-ssl-requests-only"]}], [], [error])
    requirement = view.requirements[0]
    assert requirement.status == "NOT_EVALUATED"
    assert requirement.reasons == ("ListBuckets in us-east-1: AccessDenied",)
    assert view.score is None


def test_failed_beats_passed_and_exempt_only_requirements_are_exempt():
    exemption = {"owner": "o", "reason": "r", "expires": "2030-01-01"}
    requirements = [{"id": "R.1", "title": "t", "rules": ["s3-bucket-ssl-requests-only"]}]
    mixed = _view(requirements, _rows(_evaluation("s3-bucket-ssl-requests-only", "a", "COMPLIANT"), _evaluation()))
    assert mixed.requirements[0].status == "FAILED"
    exempt = _view(requirements, _rows(_evaluation(exemption=exemption)))
    assert exempt.requirements[0].status == "EXEMPT"
    empty = _view(requirements, _rows(_evaluation(compliance="NOT_APPLICABLE")))
    assert empty.requirements[0].status == "NO_RESOURCES"
