"""One report model, built once from scan results (and optionally the audit ledger); every format renders it.

No format counts anything on its own: scores, breakdowns and framework views are computed here.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from warden import frameworks
from warden.registry import Registry, UnknownRuleError, load_rules
from warden.remediation import RemediationRegistry, load_remediations

SCHEMA_ID = "warden.report/v1"

# The status of one evaluation as a report shows it: an exemption overrides the rule's verdict.
PASSED, FAILED, EXEMPT, NOT_APPLICABLE, NOT_EVALUATED = "PASSED", "FAILED", "EXEMPT", "NOT_APPLICABLE", "NOT_EVALUATED"
STATUS_OF = {
    "COMPLIANT": PASSED,
    "NON_COMPLIANT": FAILED,
    "NOT_APPLICABLE": NOT_APPLICABLE,
    "INSUFFICIENT_DATA": NOT_EVALUATED,
}
# A framework requirement's status.
NOT_COVERED, NO_RESOURCES = "NOT_COVERED", "NO_RESOURCES"
SEVERITY_ORDER = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL")
# What identifies an evaluation across scans: the rule, on a resource, in an account and region.
_EVALUATION_KEY = itemgetter("account_id", "region", "rule_id", "resource_arn")
_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITY_ORDER)}


class Row(NamedTuple):
    """One evaluation as the report shows it.

    A named tuple, not a dataclass: 100,000 of them are built per report and a tuple is the cheapest
    object to build; `operator.attrgetter` reads a column of them in C.
    """

    rule_id: str
    controls: tuple[str, ...]
    severity: str
    service: str
    resource_type: str
    resource_id: str
    resource_arn: str
    region: str
    account_id: str
    compliance: str
    status: str
    annotation: str
    remediation_id: str | None
    exemption: Mapping[str, Any] | None = None

    @classmethod
    def from_evaluation(cls, evaluation: Mapping[str, Any]) -> Row:
        exemption = evaluation.get("exemption") or None
        compliance = str(evaluation["compliance"])
        resource_type = str(evaluation["resource_type"])
        return cls(  # by position, in field order: keywords cost more per row
            str(evaluation["rule_id"]),
            tuple(evaluation.get("controls") or ()),
            str(evaluation["severity"]),
            service_of(resource_type),
            resource_type,
            str(evaluation["resource_id"]),
            str(evaluation["resource_arn"]),
            str(evaluation["region"]),
            str(evaluation["account_id"]),
            compliance,
            EXEMPT if exemption and compliance == "NON_COMPLIANT" else STATUS_OF[compliance],
            str(evaluation.get("annotation") or ""),
            evaluation.get("remediation_id"),
            exemption,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "controls": list(self.controls),
            "severity": self.severity,
            "service": self.service,
            "resource_type": self.resource_type,
            "resource_id": self.resource_id,
            "resource_arn": self.resource_arn,
            "region": self.region,
            "account_id": self.account_id,
            "compliance": self.compliance,
            "status": self.status,
            "annotation": self.annotation,
            "remediation_id": self.remediation_id,
            "exemption": dict(self.exemption) if self.exemption else None,
        }


@functools.lru_cache(maxsize=1024)  # a few hundred resource types, each seen thousands of times
def service_of(resource_type: str) -> str:
    """`AWS::S3::Bucket` → `S3`; the account-level pseudo type `AWS::::Account` → `Account`."""
    parts = resource_type.split("::")
    return parts[1] if len(parts) > 2 and parts[1] else "Account"


@dataclass
class Tally:
    """Counts of evaluation statuses for one slice (a control, a service, a severity, ...)."""

    counts: Counter[str] = field(default_factory=Counter)

    @property
    def passed(self) -> int:
        return self.counts[PASSED]

    @property
    def failed(self) -> int:
        return self.counts[FAILED]

    @property
    def exempt(self) -> int:
        return self.counts[EXEMPT]

    @property
    def not_applicable(self) -> int:
        return self.counts[NOT_APPLICABLE]

    @property
    def not_evaluated(self) -> int:
        return self.counts[NOT_EVALUATED]

    @property
    def evaluated(self) -> int:
        return self.passed + self.failed

    @property
    def score(self) -> float | None:
        """Share of evaluated resources that pass; None when nothing was evaluated (never 100 %)."""
        return round(100 * self.passed / self.evaluated, 1) if self.evaluated else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "failed": self.failed,
            "exempt": self.exempt,
            "not_applicable": self.not_applicable,
            "not_evaluated": self.not_evaluated,
            "score": self.score,
        }


@dataclass
class Requirement:
    id: str
    title: str
    rules: tuple[str, ...]
    status: str
    tally: Tally
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "rules": list(self.rules),
            "status": self.status,
            **self.tally.to_dict(),
            "reasons": list(self.reasons),
        }


@dataclass
class FrameworkView:
    id: str
    title: str
    version: str
    requirements: list[Requirement]

    def counts(self) -> dict[str, int]:
        return dict(Counter(r.status for r in self.requirements))

    @property
    def score(self) -> float | None:
        """Share of requirements that passed among those evaluated (passed or failed); the rest are said apart."""
        counts = self.counts()
        evaluated = counts.get(PASSED, 0) + counts.get(FAILED, 0)
        return round(100 * counts.get(PASSED, 0) / evaluated, 1) if evaluated else None

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts()
        return {
            "id": self.id,
            "title": self.title,
            "version": self.version,
            "score": self.score,
            "requirements_total": len(self.requirements),
            "counts": {s: counts.get(s, 0) for s in (PASSED, FAILED, EXEMPT, NOT_EVALUATED, NO_RESOURCES, NOT_COVERED)},
            "requirements": [r.to_dict() for r in self.requirements],
        }


@dataclass
class Report:
    generated_at: str
    sources: list[str]
    accounts: list[str]
    regions: list[str]
    rows: list[Row]
    errors: list[dict[str, Any]]
    partial: bool
    totals: Tally
    by_control: dict[str, Tally]
    by_rule: dict[str, Tally]
    by_service: dict[str, Tally]
    by_severity: dict[str, Tally]
    by_location: dict[str, Tally]
    frameworks: list[FrameworkView]
    rules: dict[str, dict[str, Any]]
    remediations: dict[str, dict[str, Any]]
    audit: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    trend: list[dict[str, Any]] = field(default_factory=list)  # per day, from the scan history
    mean_time_to_remediate_s: float | None = None  # from the audit ledger

    @property
    def findings(self) -> list[Row]:
        return [r for r in self.rows if r.status == FAILED]

    def to_dict(self, include_rows: bool = True) -> dict[str, Any]:
        def tallies(group: Mapping[str, Tally]) -> dict[str, Any]:
            return {key: tally.to_dict() for key, tally in group.items()}

        out: dict[str, Any] = {
            "schema": SCHEMA_ID,
            "generated_at": self.generated_at,
            "sources": self.sources,
            "accounts": self.accounts,
            "regions": self.regions,
            "partial": self.partial,
            "totals": {**self.totals.to_dict(), "evaluations": len(self.rows), "errors": len(self.errors)},
            "by_control": tallies(self.by_control),
            "by_rule": tallies(self.by_rule),
            "by_service": tallies(self.by_service),
            "by_severity": tallies(self.by_severity),
            "by_location": tallies(self.by_location),
            "frameworks": [f.to_dict() for f in self.frameworks],
            "errors": self.errors,
            "trend": self.trend,
            "mean_time_to_remediate_s": self.mean_time_to_remediate_s,
        }
        if include_rows:
            out["evaluations"] = [r.to_dict() for r in self.rows]
        return out


def build(
    results: Sequence[Mapping[str, Any]],
    *,
    framework_ids: Iterable[str] | None = None,
    audit_records: Iterable[Mapping[str, Any]] = (),
    sources: Sequence[str] = (),
    registry: Registry | None = None,
    remediations: RemediationRegistry | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """Merge scan results (the latest evaluation of a rule on a resource wins) into one report."""
    registry = registry or load_rules()
    remediations = remediations or load_remediations()
    latest: dict[tuple[str, str, str, str], Mapping[str, Any]] = {}
    errors: list[dict[str, Any]] = []
    partial = False
    for result in results:
        partial = partial or bool(result.get("partial"))
        errors.extend({**e, "account_id": e.get("account_id") or result.get("account_id")} for e in result["errors"])
    # Oldest result first, so a later one's evaluation replaces an earlier one's (of equal age: the one given last).
    for result in sorted(results, key=lambda result: str(result.get("finished_at") or "")):
        evaluations = result["evaluations"]
        latest.update(zip(map(_EVALUATION_KEY, evaluations), evaluations, strict=True))
    rows = [Row.from_evaluation(e) for e in latest.values()]
    rows.sort(
        key=lambda r: (  # findings first, the worst first
            r.status != FAILED,
            _SEVERITY_RANK.get(r.severity, len(SEVERITY_ORDER)),
            r.rule_id,
            r.account_id,
            r.region,
            r.resource_id,
        )
    )
    # Counted per (key, status) pair in C rather than row by row in Python.
    totals = Tally(Counter(map(attrgetter("status"), rows)))
    by_rule = tally_by(rows, "rule_id")
    by_service = tally_by(rows, "service")
    by_severity = {s: Tally() for s in SEVERITY_ORDER} | tally_by(rows, "severity")
    by_control: dict[str, Tally] = defaultdict(Tally)
    for controls, tally in tally_by(rows, "controls").items():  # a few distinct sets of controls
        for control in controls:
            by_control[control].counts.update(tally.counts)
    by_location = {
        f"{account}/{region}": tally for (account, region), tally in tally_by(rows, "account_id", "region").items()
    }
    report = Report(
        generated_at=(now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        sources=list(sources),
        accounts=sorted({r.account_id for r in rows} | {str(x.get("account_id")) for x in results}),
        regions=sorted({r.region for r in rows} | {g for x in results for g in x.get("regions", ())}),
        rows=rows,
        errors=errors,
        partial=partial,
        totals=totals,
        by_control=dict(sorted(by_control.items(), key=lambda kv: _control_key(kv[0]))),
        by_rule=dict(sorted(by_rule.items())),
        by_service=dict(sorted(by_service.items())),
        by_severity=by_severity,
        by_location=dict(sorted(by_location.items())),
        frameworks=[
            framework_view(frameworks.load(name), rows, errors, registry)
            for name in (frameworks.available() if framework_ids is None else framework_ids)
        ],
        rules={rule_id: _rule_info(registry, rule_id) for rule_id in sorted(by_rule)},
        remediations={
            entry.id: {
                "id": entry.id,
                "title": entry.title,
                "risk": entry.risk.value,
                "reversible": entry.reversible,
            }
            for entry in remediations.all()
        },
    )
    for record in audit_records:
        arn = record.get("resource_arn")
        if arn:
            report.audit.setdefault(str(arn), []).append(dict(record))
    return report


def framework_view(
    document: Mapping[str, Any], rows: Sequence[Row], errors: Sequence[Mapping[str, Any]], registry: Registry
) -> FrameworkView:
    """Each requirement: passed, failed, exempt, not evaluated (with reasons), no resources, or not covered."""
    by_rule = tally_by(rows, "rule_id")
    errors_by_type: dict[str, list[str]] = defaultdict(list)
    for error in errors:
        errors_by_type[str(error.get("resource_type"))].append(
            f"{error.get('operation')} in {error.get('region')}: {error.get('error_code')}"
        )
    requirements = []
    for entry in document["requirements"]:
        known = tuple(r for r in entry.get("rules", ()) if _registered(registry, r))
        tally = Tally()
        for rule_id in known:
            if rule_id in by_rule:
                tally.counts.update(by_rule[rule_id].counts)
        reasons: list[str] = []
        if not known:
            status = NOT_COVERED
        elif tally.failed:
            status = FAILED
        elif tally.passed:
            status = PASSED
        elif tally.exempt:
            status = EXEMPT
        else:
            types = {t for rule_id in known for t in registry.get(rule_id).resource_types}
            reasons = sorted({reason for t in types for reason in errors_by_type.get(t, ())})
            ran = any(rule_id in by_rule for rule_id in known)
            status = NOT_EVALUATED if reasons or tally.not_evaluated or not ran else NO_RESOURCES
            if status == NOT_EVALUATED and not reasons:
                reasons = ["none of its rules ran in this scan" if not ran else "insufficient data"]
        requirements.append(Requirement(entry["id"], entry.get("title", ""), known, status, tally, tuple(reasons)))
    return FrameworkView(
        document["id"], document.get("title", document["id"]), str(document.get("version", "")), requirements
    )


def _registered(registry: Registry, rule_id: str) -> bool:
    try:
        registry.get(rule_id)
    except UnknownRuleError:
        return False
    return True


def _rule_info(registry: Registry, rule_id: str) -> dict[str, Any]:
    try:
        rule = registry.get(rule_id)
    except UnknownRuleError:
        return {"id": rule_id, "title": rule_id, "description": "", "remediation": None}
    return {"id": rule.id, "title": rule.title, "description": rule.description, "remediation": rule.remediation}


def tally_by(rows: Iterable[Row], *fields: str) -> dict[Any, Tally]:
    """A tally per value of `fields` (a tuple of values when several), in the order values first appear."""
    out: dict[Any, Tally] = defaultdict(Tally)
    for values, count in Counter(map(attrgetter(*fields, "status"), rows)).items():
        out[values[0] if len(fields) == 1 else values[:-1]].counts[values[-1]] += count
    return dict(out)


def _control_key(control: str) -> tuple[str, int]:
    service, _, number = control.partition(".")
    return service.lower(), int(number) if number.isdigit() else 0
