"""Rebuild the framework files in warden/frameworks/ from their source tables and the rule registry.

    .venv/bin/python tools/build_frameworks.py          # rewrite fsbp, cis, nist-800-53 and pci-dss .json
    .venv/bin/python tools/build_frameworks.py --check  # exit 1, naming what differs, when a file is stale

A requirement's rules are the registered rules whose `controls` include a Security Hub control that the table
(sources/securityhub-related-requirements.tsv) relates to it, plus Warden's own additions
(sources/warden-additions.tsv).
So a new rule lands in every framework view its control belongs to once this script runs; tests/test_frameworks.py
fails while the files are stale or a rule's control is missing from the table.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warden.registry import Registry, load_rules

FRAMEWORKS_DIR = Path(__file__).resolve().parent.parent / "warden" / "frameworks"
SOURCES = FRAMEWORKS_DIR / "sources"
RELATED = SOURCES / "securityhub-related-requirements.tsv"
ADDITIONS = SOURCES / "warden-additions.tsv"
CIS_REQUIREMENTS = SOURCES / "cis-aws-foundations-v3.0.0.tsv"

SECURITY_HUB = (
    'the Security Hub controls\' "Related requirements" in the AWS Security Hub CSPM user guide '
    "(docs.aws.amazon.com/securityhub/latest/userguide/<service>-controls.html), gathered in "
    "warden/frameworks/sources/securityhub-related-requirements.tsv with the source of each row"
)
# Said wherever a view is shown (title, version): these files list only the requirements Security Hub maps.
PART = "Security Hub-mapped part"
HEADERS: dict[str, dict[str, str]] = {
    "cis": {
        "title": "CIS AWS Foundations Benchmark",
        "version": "3.0.0",
        "source": (
            "Requirements: every recommendation of the CIS Amazon Web Services Foundations Benchmark v3.0.0 "
            "(Center for Internet Security), automated and manual (sources/cis-aws-foundations-v3.0.0.tsv). "
            "Rules: those implementing the Security Hub controls related to each recommendation, from "
            f"{SECURITY_HUB}, plus Warden's own additions (sources/warden-additions.tsv, each with its reason). "
            "Recommendations with no rules are not covered by Warden."
        ),
    },
    "nist-800-53": {
        "title": "NIST SP 800-53",
        "version": f"Rev. 5, {PART}",
        "source": (
            f"Requirements and rules: {SECURITY_HUB}. Only the controls and enhancements that some Security Hub "
            "control of the table relates to are listed; the rest of the catalogue (about 1,000 controls and "
            "enhancements, most of them organisational or procedural) is omitted, not covered. Titles are the base "
            "controls' names. Requirements with no rules are not covered by Warden."
        ),
    },
    "pci-dss": {
        "title": "PCI DSS",
        "version": f"4.0.1, {PART}",
        "source": (
            f"Requirements and rules: {SECURITY_HUB} (Security Hub relates its controls to PCI DSS v4.0.1). Only "
            "the requirements that some Security Hub control of the table relates to are listed; the standard's "
            "other requirements (most of them process, physical or organisational) are omitted, not covered. "
            "Titles name the principal requirement each belongs to. Requirements with no rules are not covered "
            "by Warden."
        ),
    },
}


class SourceError(Exception):
    """A source table that cannot be read as documented."""


@dataclass(frozen=True)
class Relation:
    control: str
    framework: str
    requirement: str
    title: str
    source: str


def read_tsv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a tab-separated file whose `#` lines are comments and whose first other line names the columns."""
    lines = [line for line in path.read_text().splitlines() if line and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != columns:
        raise SourceError(f"{path.name}: columns {reader.fieldnames}, expected {list(columns)}")
    rows = list(reader)
    for number, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            raise SourceError(f"{path.name}: row {number} does not have {len(columns)} columns: {row}")
    return rows


def relations() -> list[Relation]:
    return [Relation(**row) for row in read_tsv(RELATED, ("control", "framework", "requirement", "title", "source"))]


def natural_key(identifier: str) -> tuple[tuple[int, int | str], ...]:
    """`AC-2(12)` after `AC-2(4)`, `10.4.2` after `8.3.1`: numbers compare as numbers."""
    parts = (p for p in re.split(r"[-.()]", identifier) if p)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def rules_by_control(registry: Registry) -> dict[str, list[str]]:
    by_control: dict[str, list[str]] = defaultdict(list)
    for declared in registry.all():
        for control in declared.controls:
            by_control[control].append(declared.id)
    return by_control


def unmapped_controls(registry: Registry, table: Iterable[Relation]) -> list[str]:
    """Controls that registered rules implement but the table does not list: their framework views would miss them."""
    listed = {relation.control for relation in table}
    return sorted(set(rules_by_control(registry)) - listed, key=natural_key)


def build(registry: Registry) -> dict[str, dict[str, Any]]:
    """Every framework document, as the source tables and the registry say it should be."""
    table = relations()
    by_control = rules_by_control(registry)
    additions: dict[tuple[str, str], set[str]] = defaultdict(set)
    known_rules = {declared.id for declared in registry.all()}
    for row in read_tsv(ADDITIONS, ("rule", "framework", "requirement", "reason")):
        if row["rule"] not in known_rules:
            raise SourceError(f"{ADDITIONS.name} names {row['rule']!r}, which is no registered rule")
        additions[(row["framework"], row["requirement"])].add(row["rule"])

    mapped: dict[tuple[str, str], set[str]] = defaultdict(set)
    controls: dict[tuple[str, str], set[str]] = defaultdict(set)
    titles: dict[tuple[str, str], str] = {}
    for relation in table:
        if not relation.framework:
            continue
        key = (relation.framework, relation.requirement)
        controls[key].add(relation.control)
        mapped[key].update(by_control.get(relation.control, ()))
        titles.setdefault(key, relation.title)

    def requirement(framework: str, requirement_id: str, title: str) -> dict[str, Any]:
        key = (framework, requirement_id)
        return {
            "id": requirement_id,
            "title": title,
            "rules": sorted(mapped[key] | additions[key]),
            "controls": sorted(controls[key], key=natural_key),
        }

    cis_rows = read_tsv(CIS_REQUIREMENTS, ("id", "title"))
    documents = {"cis": [requirement("cis", row["id"], row["title"]) for row in cis_rows]}
    for framework in ("nist-800-53", "pci-dss"):
        ids = sorted({r for f, r in titles if f == framework}, key=natural_key)
        documents[framework] = [requirement(framework, r, titles[(framework, r)]) for r in ids]
    known = {("cis", row["id"]) for row in cis_rows} | set(titles)
    stray = sorted(f"{f} {r}" for f, r in set(additions) | set(controls) if (f, r) not in known)
    if stray:
        raise SourceError(f"requirements that the framework does not list: {', '.join(stray)}")

    fsbp = json.loads((FRAMEWORKS_DIR / "fsbp.json").read_text())
    out = {
        "fsbp": {
            **{k: v for k, v in fsbp.items() if k != "requirements"},
            "requirements": [
                {"id": r["id"], "title": r["title"], "rules": sorted(by_control.get(r["id"], ()))}
                for r in fsbp["requirements"]
            ],
        }
    }
    for framework, requirements in documents.items():
        out[framework] = {"id": framework, **HEADERS[framework], "requirements": requirements}
    return out


def render(document: Mapping[str, Any]) -> str:
    """The files' layout: the header keys, then one requirement per line, so a diff shows what changed."""
    head = ",\n".join(
        f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in document.items() if k != "requirements"
    )
    body = ",\n".join(f"    {json.dumps(r, ensure_ascii=False)}" for r in document["requirements"])
    return f'{{\n{head},\n  "requirements": [\n{body}\n  ]\n}}\n'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file is stale")
    args = parser.parse_args(argv)
    registry = load_rules()
    try:
        documents = build(registry)
        missing = unmapped_controls(registry, relations())
    except (SourceError, OSError) as error:
        print(f"build_frameworks: {error}", file=sys.stderr)
        return 2
    if missing:
        print(
            f"build_frameworks: {RELATED.name} does not list {', '.join(missing)}, which registered rules implement; "
            "add each control's related requirements (or a row with an empty framework) from its Security Hub page",
            file=sys.stderr,
        )
    stale = []
    for name, document in documents.items():
        path = FRAMEWORKS_DIR / f"{name}.json"
        text = render(document)
        if path.exists() and path.read_text() == text:
            continue
        stale.append(path.name)
        if not args.check:
            path.write_text(text)
    if args.check and stale:
        print(f"build_frameworks: stale: {', '.join(stale)}; run tools/build_frameworks.py", file=sys.stderr)
    elif stale:
        print(f"build_frameworks: wrote {', '.join(stale)}")
    return 1 if (args.check and stale) or missing else 0


if __name__ == "__main__":
    sys.exit(main())
