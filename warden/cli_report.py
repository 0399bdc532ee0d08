"""`warden report`: build the report model from scan results (and the audit ledger) and render it."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, TextIO

from warden import schemas
from warden.model import WardenError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class ReportUsageError(WardenError):
    """A problem with the report's inputs: exit 2 with one line."""


def add_parser(commands: Any) -> None:
    from warden.reports.render import RENDERERS

    report = commands.add_parser("report", help="render compliance reports from scan results and the audit ledger")
    report.add_argument("--input", action="append", default=[], help="a warden scan JSON result (repeatable)")
    report.add_argument("--since", help="trend over this window from the scan history, e.g. 30d, 12h, 2w")
    report.add_argument("--history", help="the scan history (default: history.sqlite3 in the user's data directory)")
    report.add_argument("--format", choices=sorted(RENDERERS), default="table", type=str.lower)
    report.add_argument("--output", help="write here instead of standard output")
    report.add_argument(
        "--framework", action="append", type=str.lower, help="framework views to include (default: all)"
    )
    report.add_argument("--audit-dir", help="a local audit ledger: adds each resource's audit history")
    report.add_argument("--audit-bucket", help="an S3 audit ledger (with --audit-prefix)")
    report.add_argument("--audit-prefix", default="warden-audit")
    report.add_argument(
        "--security-hub", action="store_true", help="import the findings into AWS Security Hub (BatchImportFindings)"
    )
    report.add_argument("--region", help="Security Hub's region (default: the profile's)")
    report.add_argument("--profile")
    report.add_argument("--endpoint-url", default=os.environ.get("AWS_ENDPOINT_URL"))


def load_results(paths: list[str]) -> list[dict[str, Any]]:
    results = []
    for path in paths:
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ReportUsageError(f"no scan result at {path}") from None
        except (OSError, ValueError) as exc:
            raise ReportUsageError(f"{path} is not a readable JSON scan result: {exc}") from None
        if isinstance(document, dict) and document.get("schema") == "warden.scan/v1":
            # v2 only added fields: an older result reads as one that was complete and had no exemptions.
            document = {**document, "schema": "warden.scan/v2", "partial": False, "expired_exemptions": []}
        schemas.check(document, "scan", ReportUsageError, f"scan result {path}")
        results.append(document)
    return results


def cmd_report(args: argparse.Namespace, out: TextIO, err: TextIO, clients_for: Any) -> int:
    """`args.output`, when given, has been checked like every command's output path (warden.cli)."""
    from warden import frameworks
    from warden.reports import history, model
    from warden.reports.render import RENDERERS

    known = frameworks.available()
    for name in args.framework or ():
        if name not in known:
            raise ReportUsageError(f"unknown framework {name!r}; known: {', '.join(known)}")
    if not args.input and not args.since:
        raise ReportUsageError("give scan results with --input, or a window of the scan history with --since")
    results = load_results(args.input)
    trend: list[dict[str, Any]] = []
    if args.since:
        window = history.parse_since(args.since)
        store = history.History(args.history or history.default_path())
        try:
            start = dt.datetime.now(dt.UTC) - window
            results = results or store.latest_results(start)
            trend = [day.to_dict() for day in store.trend(start)]
        finally:
            store.close()
        if not results:
            raise ReportUsageError(f"no scans in the last {args.since} in {store.path}")
    records: list[dict[str, Any]] = []
    if args.audit_dir or args.audit_bucket:
        records = list(_ledger(args, clients_for).records())
    report = model.build(results, framework_ids=args.framework, audit_records=records, sources=args.input)
    report.trend = trend
    mttr = history.mean_time_to_remediate(records)
    report.mean_time_to_remediate_s = None if mttr is None else mttr.total_seconds()
    rendered = RENDERERS[args.format](report)
    if args.output:
        Path(args.output).write_text(rendered, encoding="utf-8")
        err.write(f"wrote the {args.format} report ({len(report.rows)} evaluations) to {args.output}\n")
    else:
        out.write(rendered)
    if args.security_hub:
        return _import(args, report, clients_for, err)
    return EXIT_OK


def _ledger(args: argparse.Namespace, clients_for: Any) -> Any:
    from warden.ledger import Ledger, LocalStore, S3Store

    if args.audit_bucket:
        return Ledger(S3Store(clients_for(args).client("s3"), args.audit_bucket, args.audit_prefix))
    if not Path(args.audit_dir).is_dir():
        raise ReportUsageError(f"no audit directory at {args.audit_dir}")
    return Ledger(LocalStore(args.audit_dir))


def _import(args: argparse.Namespace, report: Any, clients_for: Any, err: TextIO) -> int:
    from warden.reports import asff

    findings = asff.findings(report)
    clients = clients_for(args)
    result = asff.import_findings(clients.client("securityhub", args.region), findings)
    err.write(
        f"Security Hub: {result.imported} of {len(findings)} findings imported in {result.batches} batch(es)"
        f"{'' if result.ok else f'; {len(result.failed)} rejected'}\n"
    )
    for failure in result.failed[:20]:
        err.write(f"  rejected {failure.get('Id')}: {failure.get('ErrorCode')} {failure.get('ErrorMessage')}\n")
    return EXIT_OK if result.ok else EXIT_FAILED
