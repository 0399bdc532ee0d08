"""The `warden` command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

import boto3
import botocore.exceptions

from warden import cli_report
from warden.model import Compliance, Severity, WardenError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

CREDENTIAL_ERROR_CODES = frozenset(
    {
        "InvalidClientTokenId",
        "ExpiredToken",
        "ExpiredTokenException",
        "UnrecognizedClientException",
        "SignatureDoesNotMatch",
        "AccessDenied",
    }
)


class UsageError(WardenError):
    """A problem the operator must fix before Warden can run: exit 2 with a one-line reason."""


class _Progress:
    """A single self-rewriting stderr line; silent when stderr is not a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._done = 0
        self._enabled = stream.isatty()

    def __call__(self, count: int) -> None:
        self._done += count
        if self._enabled and (self._done < 50 or self._done % 25 == 0):
            self._stream.write(f"\r  scanned {self._done} resources …")
            self._stream.flush()

    def close(self) -> None:
        if self._enabled and self._done:
            self._stream.write("\r" + " " * 40 + "\r")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="warden", description="Compliance auditing and remediation for AWS.")
    commands = parser.add_subparsers(dest="command", required=True)

    scan = commands.add_parser("scan", help="audit an account read-only and report every evaluation")
    scan.add_argument("--region", action="append", default=[], help="region to scan (repeatable)")
    scan.add_argument("--rule", action="append", default=[], help="rule id to run (repeatable)")
    scan.add_argument("--control", action="append", default=[], help="Security Hub control id, e.g. S3.5")
    scan.add_argument("--framework", action="append", default=[], help="run a framework's rules (fsbp, cis)")
    scan.add_argument("--profile", help="AWS named profile")
    scan.add_argument("--endpoint-url", default=os.environ.get("AWS_ENDPOINT_URL"), help="AWS endpoint override")
    scan.add_argument("--format", choices=("table", "json", "csv"), default="table")
    scan.add_argument("--output", help="write the report here instead of standard output")
    scan.add_argument("--fail-on", choices=[s.value for s in Severity], help="exit 1 on a finding this severe")
    scan.add_argument("--show-compliant", action="store_true", help="list compliant results in the table too")
    scan.add_argument("--workers", type=int, default=16, help="concurrent API calls per scan")
    scan.add_argument("--settings", help="warden.toml: remediation modes, blast-radius caps, rule parameters")
    history = scan.add_mutually_exclusive_group()
    history.add_argument("--history", help="record the result in this scan history (default: the user's data dir)")
    history.add_argument("--no-history", action="store_true", help="do not record the result in the scan history")
    fix = scan.add_argument_group("remediation")
    fix.add_argument("--remediate", action="store_true", help="plan and apply fixes for what the scan found")
    fix.add_argument("--dry-run", action="store_true", help="with --remediate: print the plans, change nothing")
    fix.add_argument("--plan-only", action="store_true", help="with --remediate: store the plans for `warden approve`")
    fix.add_argument("--yes", action="store_true", help="with --remediate: apply without asking")
    fix.add_argument("--exemptions", help="exemptions file (JSON, see warden/schemas/exemptions.schema.json)")
    fix.add_argument("--max-changes", type=int, help="blast radius: changes per rule in this run")
    _audit_target(fix)

    plans = commands.add_parser("plans", help="list the stored plans waiting for `warden approve`")
    approve = commands.add_parser("approve", help="apply a stored plan (scan --remediate --plan-only stores them)")
    approve.add_argument("plan_id")
    rollback = commands.add_parser("rollback", help="restore the before state of a reversible remediation")
    rollback.add_argument("record_id", help="the record id printed for an applied change")
    for sub in (plans, approve, rollback):
        sub.add_argument("--profile")
        sub.add_argument("--endpoint-url", default=os.environ.get("AWS_ENDPOINT_URL"))
        _audit_target(sub)
    for sub in (approve, rollback):
        sub.add_argument("--settings")
        sub.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    audit = commands.add_parser("audit", help="the audit ledger")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser("verify", help="recompute every hash chain; exit 1 on any tampering")
    where = verify.add_mutually_exclusive_group(required=True)
    where.add_argument("--dir", help="a local audit directory")
    where.add_argument("--bucket", help="an S3 audit bucket")
    verify.add_argument("--prefix", default="warden-audit", help="key prefix in the bucket")
    verify.add_argument("--profile")
    verify.add_argument("--endpoint-url", default=os.environ.get("AWS_ENDPOINT_URL"))

    cli_report.add_parser(commands)

    demo = commands.add_parser("demo", help="run the whole job on an embedded moto account (no AWS needed)")
    demo.add_argument("--output-dir", default="out", help="where to write the scan results")

    rules = commands.add_parser("rules", help="list the rule catalogue")
    rules.add_argument("--format", choices=("table", "json"), default="table")
    return parser


def _audit_target(parser: Any) -> None:
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--audit-dir", default=None, help="write audit records here (default .warden/audit)")
    target.add_argument("--audit-bucket", default=None, help="write audit records to this S3 bucket instead")


def _audit_ledger(args: argparse.Namespace, clients: Any, err: TextIO) -> Any:
    """The audit ledger for `scan --remediate`, checked before the scan runs; None without --remediate."""
    from warden.cli_remediation import open_ledger

    if args.plan_only and args.dry_run:
        raise UsageError("--plan-only stores plans and --dry-run only shows them: choose one")
    if not args.remediate:
        given = [name for name in ("plan_only", "audit_dir", "audit_bucket") if getattr(args, name)]
        if given:
            raise UsageError(f"--{given[0].replace('_', '-')} goes with --remediate")
        return None
    return open_ledger(args, clients, err)


def _clients(args: argparse.Namespace) -> Any:
    from warden.aws import Clients

    try:
        session = boto3.session.Session(profile_name=args.profile)
    except botocore.exceptions.ProfileNotFound as exc:
        raise UsageError(str(exc)) from exc
    return Clients(session, endpoint_url=args.endpoint_url)


def _check_credentials(clients: Any) -> None:
    try:
        _ = clients.account_id
    except botocore.exceptions.NoCredentialsError as exc:
        raise UsageError("no AWS credentials found (set a profile, environment variables or SSO login)") from exc
    except botocore.exceptions.ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if code in CREDENTIAL_ERROR_CODES:
            raise UsageError(f"AWS rejected the credentials: {code}") from exc
        raise
    except botocore.exceptions.EndpointConnectionError as exc:
        raise UsageError(f"cannot reach AWS: {exc}") from exc


def cmd_scan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from warden import frameworks
    from warden.registry import load_rules
    from warden.reports.scan_formats import RENDERERS
    from warden.scan import Scanner

    registry = load_rules()
    framework_rules = [rule_id for name in args.framework for rule_id in frameworks.rule_ids(name)]
    selected = registry.select([*args.rule, *framework_rules], args.control)
    clients = _clients(args)
    _check_credentials(clients)
    ledger = _audit_ledger(args, clients, err)
    regions = args.region or [clients.default_region or "us-east-1"]
    progress = _Progress(err)
    try:
        result = Scanner(clients, workers=args.workers, progress=progress).run(selected, regions).to_dict()
    finally:
        progress.close()
    if not args.no_history:
        _record_history(args.history, result, err)
    rendered = RENDERERS[args.format](result)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(rendered)
        err.write(f"wrote {len(result['evaluations'])} evaluations to {args.output}\n")
    else:
        out.write(rendered)
    if ledger is not None and _remediate(args, clients, ledger, result, err):
        return EXIT_FINDINGS
    if args.fail_on:
        threshold = Severity(args.fail_on).rank
        for evaluation in result["evaluations"]:
            if (
                evaluation["compliance"] == Compliance.NON_COMPLIANT.value
                and Severity(evaluation["severity"]).rank >= threshold
            ):
                return EXIT_FINDINGS
    return EXIT_OK


def _record_history(path: str | None, result: dict[str, Any], err: TextIO) -> None:
    from warden.reports.history import History, HistoryError, default_path

    try:
        history = History(path or default_path())
    except HistoryError as exc:
        err.write(f"warning: the scan is not recorded in the history: {exc}\n")
        return
    try:
        history.record(result)
    finally:
        history.close()


def _remediate(args: argparse.Namespace, clients: Any, ledger: Any, result: dict[str, Any], err: TextIO) -> bool:
    """Plan, store or apply fixes for the scan's findings; True when the scan must exit 1."""
    from warden.cli_remediation import remediate

    return remediate(args, clients, ledger, result, err)


def cmd_plans(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from warden.cli_remediation import plans

    return plans(args, out, err)


def cmd_approve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from warden.cli_remediation import approve

    return approve(args, out, err)


def cmd_rollback(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from warden.cli_remediation import rollback

    return rollback(args, out, err)


def cmd_audit(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from warden.ledger import LocalStore, S3Store, verify

    if args.bucket:
        store: Any = S3Store(_clients(args).client("s3"), args.bucket, args.prefix)
    else:
        if not os.path.isdir(args.dir):
            raise UsageError(f"no audit directory at {args.dir}")
        store = LocalStore(args.dir)
    report = verify(store)
    for problem in report.problems:
        out.write(f"TAMPERED  {problem}\n")
    verdict = "intact" if report.ok else f"{len(report.problems)} problem(s)"
    out.write(f"{report.records} records in {report.streams} stream(s) at {store.location}: {verdict}\n")
    return EXIT_OK if report.ok else EXIT_FINDINGS


def cmd_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import json

    from warden.registry import load_rules

    catalogue = load_rules().all()
    if args.format == "json":
        out.write(json.dumps([r.to_metadata() for r in catalogue], indent=2) + "\n")
        return EXIT_OK
    out.write(f"{'RULE':44} {'CONTROLS':14} {'SEVERITY':9} {'REMEDIATION':36} RESOURCE TYPES\n")
    for r in catalogue:
        out.write(
            f"{r.id:44} {','.join(r.controls) or '-':14} {r.severity.value:9} {r.remediation or '-':36} "
            f"{', '.join(r.resource_types)}\n"
        )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pathlib import Path

    from warden import demo

    return demo.run(out, Path(args.output_dir))


def cmd_report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return cli_report.cmd_report(args, out, err, _clients)


COMMANDS = {
    "scan": cmd_scan,
    "rules": cmd_rules,
    "demo": cmd_demo,
    "plans": cmd_plans,
    "approve": cmd_approve,
    "rollback": cmd_rollback,
    "audit": cmd_audit,
    "report": cmd_report,
}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has already printed the reason
        return int(exc.code or 0) and EXIT_USAGE
    try:
        return COMMANDS[args.command](args, out, err)
    except UsageError as exc:
        err.write(f"warden: {exc}\n")
        return EXIT_USAGE
    except WardenError as exc:
        err.write(f"warden: {exc}\n")
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
