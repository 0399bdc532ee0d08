"""The `warden` command line."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

import boto3
import botocore.exceptions
import botocore.parsers

from warden import __version__
from warden.model import Compliance, Severity, WardenError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # the shell's code for a process stopped by SIGINT
GATE_LINES_SHOWN = 10  # findings and errors named on stderr when --fail-on fails

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


def _output_file(path: str) -> Path:
    """An output path that can be written: its directory exists and it is not itself a directory."""
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"--output {path} is a directory; name a file")
    parent = target.parent
    if not parent.is_dir():
        raise UsageError(f"--output {path}: directory {parent} does not exist")
    if not os.access(parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise UsageError(f"--output {path} is not writable")
    return target


def _output_dir(path: str) -> Path:
    """A directory that exists (created if need be) and can be written."""
    target = Path(path)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--output-dir {path}: {exc.strerror or exc}") from exc
    if not os.access(target, os.W_OK):
        raise UsageError(f"--output-dir {path} is not writable")
    return target


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _known_regions(names: Sequence[str]) -> list[str]:
    """The regions once each, in the order given; each must be one botocore knows, all in one partition."""
    import botocore.session

    partitions = {
        region: partition["partition"]
        for partition in botocore.session.get_session().get_data("endpoints")["partitions"]
        for region in partition["regions"]
    }
    unique = list(dict.fromkeys(names))
    for name in unique:
        if name not in partitions:
            close = difflib.get_close_matches(name, partitions, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise UsageError(f"unknown region {name!r}{hint}; botocore {botocore.__version__} knows {len(partitions)}")
    spanned = sorted({partitions[name] for name in unique})
    if len(spanned) > 1:
        raise UsageError(f"the regions span partitions {', '.join(spanned)}; scan each partition separately")
    return unique


class _Progress:
    """Scan progress on stderr: one self-rewriting line on a terminal, a line per finished listing otherwise.

    The plain lines are what a CI log can show; a terminal gets the same totals without the scroll.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._terminal = stream.isatty()
        self._lock = threading.Lock()
        self._listings = self._listed = self._resources = 0

    def started(self, listings: int) -> None:
        self._listings = listings

    def resource(self) -> None:
        with self._lock:
            self._resources += 1
            if self._terminal and (self._resources < 50 or self._resources % 25 == 0):
                self._rewrite()

    def listed(self, resource_type: str, region: str, resources: int, error: str | None) -> None:
        with self._lock:
            self._listed += 1
            if self._terminal:
                self._rewrite()
                return
            outcome = f"{resources} resources" + (f", listing failed: {error}" if error else "")
            self._stream.write(f"  [{self._listed}/{self._listings}] {resource_type} in {region}: {outcome}\n")
            self._stream.flush()

    def _rewrite(self) -> None:
        self._stream.write(f"\r  {self._listed}/{self._listings} listings done, {self._resources} resources scanned")
        self._stream.flush()

    def close(self) -> None:
        if self._terminal and (self._resources or self._listed):
            self._stream.write("\r" + " " * 70 + "\r")
            self._stream.flush()


class _Parser(argparse.ArgumentParser):
    """argparse with a usage error on one line: the full usage is one --help away."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="warden", description="Compliance auditing and remediation for AWS.")
    parser.add_argument("--version", action="version", version=f"warden {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    scan = commands.add_parser("scan", help="audit an account read-only and report every evaluation")
    scan.add_argument("--region", action="append", default=[], help="region to scan (repeatable)")
    scan.add_argument("--rule", action="append", default=[], help="rule id to run (repeatable)")
    scan.add_argument("--control", action="append", default=[], help="Security Hub control id, e.g. S3.5")
    scan.add_argument(
        "--framework", action="append", default=[], type=str.lower, help="run a framework's rules (fsbp, cis)"
    )
    scan.add_argument("--profile", help="AWS named profile")
    scan.add_argument("--endpoint-url", default=os.environ.get("AWS_ENDPOINT_URL"), help="AWS endpoint override")
    scan.add_argument("--format", choices=("table", "json", "csv"), default="table")
    scan.add_argument("--output", help="write the report here instead of standard output")
    scan.add_argument(
        "--fail-on",
        type=str.upper,
        choices=[s.value for s in Severity],
        help="exit 1 on a finding this severe (exemptions aside) or on a read error",
    )
    scan.add_argument(
        "--allow-read-errors", action="store_true", help="with --fail-on: read errors alone do not fail the gate"
    )
    scan.add_argument("--show-compliant", action="store_true", help="list compliant results in the table too")
    scan.add_argument("--workers", type=_positive_int, default=16, help="concurrent API calls per scan")
    scan.add_argument("--settings", help="warden.toml: rule parameters, remediation modes, blast-radius caps")
    scan.add_argument("--exemptions", help="exemptions file (JSON, see warden/schemas/exemptions.schema.json)")
    fix = scan.add_argument_group("remediation")
    fix.add_argument("--remediate", action="store_true", help="plan and apply fixes for what the scan found")
    fix.add_argument("--dry-run", action="store_true", help="with --remediate: print the plans, change nothing")
    fix.add_argument("--yes", action="store_true", help="with --remediate: apply without asking")
    fix.add_argument("--max-changes", type=int, help="blast radius: changes per rule in this run")
    _audit_target(fix)

    approve = commands.add_parser("approve", help="apply a stored plan (remediation mode 'approve')")
    approve.add_argument("plan_id")
    rollback = commands.add_parser("rollback", help="restore the before state of a reversible remediation")
    rollback.add_argument("record_id")
    for sub in (approve, rollback):
        sub.add_argument("--profile")
        sub.add_argument("--endpoint-url", default=os.environ.get("AWS_ENDPOINT_URL"))
        sub.add_argument("--settings")
        sub.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        _audit_target(sub)

    audit = commands.add_parser("audit", help="the audit ledger")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser("verify", help="recompute every hash chain; exit 1 on any tampering")
    where = verify.add_mutually_exclusive_group(required=True)
    where.add_argument("--dir", help="a local audit directory")
    where.add_argument("--bucket", help="an S3 audit bucket")
    verify.add_argument("--prefix", default="warden-audit", help="key prefix in the bucket")
    verify.add_argument("--profile")
    verify.add_argument("--endpoint-url", default=os.environ.get("AWS_ENDPOINT_URL"))

    demo = commands.add_parser("demo", help="run the whole job on an embedded moto account (no AWS needed)")
    demo.add_argument("--output-dir", default="out", help="where to write the scan results")

    rules = commands.add_parser("rules", help="list the rule catalogue")
    rules.add_argument("--format", choices=("table", "json"), default="table")
    return parser


def _audit_target(parser: Any) -> None:
    parser.add_argument("--audit-dir", default=None, help="write audit records here (default .warden/audit)")
    parser.add_argument("--audit-bucket", default=None, help="write audit records to this S3 bucket instead")


def _ledger(args: argparse.Namespace, clients: Any) -> Any:
    from warden.ledger import Ledger, LocalStore, S3Store

    if args.audit_bucket:
        return Ledger(S3Store(clients.client("s3"), args.audit_bucket))
    return Ledger(LocalStore(args.audit_dir or ".warden/audit"))


def _remediator(args: argparse.Namespace, clients: Any, dry_run: bool = False) -> Any:
    from warden.exemptions import Exemptions
    from warden.remediate import Remediator, RunBudget
    from warden.remediation import Mode
    from warden.settings import Settings

    settings = Settings.load(getattr(args, "settings", None))
    exemptions = Exemptions.load(getattr(args, "exemptions", None))
    limit = getattr(args, "max_changes", None)

    def explicit_request(configured: Mode) -> Mode:
        # On the command line --remediate is the operator's request: only off and notify still hold.
        if configured in (Mode.OFF, Mode.NOTIFY):
            return configured
        return Mode.DRY_RUN if dry_run else Mode.AUTO

    return Remediator(
        clients,
        _ledger(args, clients),
        settings=settings,
        exemptions=exemptions,
        mode_override=explicit_request,
        budget=RunBudget(limit if limit is not None else settings.max_changes_per_rule),
    ), exemptions


def _confirm(args: argparse.Namespace, question: str, err: TextIO) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        err.write(f"{question} — not a terminal, so nothing is applied without --yes\n")
        return False
    err.write(f"{question} [y/N] ")
    err.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


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
    except botocore.parsers.ResponseParserError as exc:
        raise UsageError("the endpoint did not answer like AWS (check --endpoint-url and --region)") from exc


def cmd_scan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from warden import frameworks
    from warden.exemptions import Exemptions
    from warden.registry import load_rules
    from warden.scan import ScanInterrupted, Scanner
    from warden.settings import Settings

    # Everything the operator gave is checked before the first AWS call.
    registry = load_rules()
    framework_rules = [rule_id for name in args.framework for rule_id in frameworks.rule_ids(name)]
    selected = registry.select([*args.rule, *framework_rules], args.control)
    settings = Settings.load(args.settings)
    for rule_id, given in settings.parameters.items():
        registry.get(rule_id).resolve_parameters(given)
    exemptions = Exemptions.load(args.exemptions)
    output = _output_file(args.output) if args.output else None
    clients = _clients(args)
    regions = _known_regions(args.region or [clients.default_region or "us-east-1"])
    _check_credentials(clients)

    progress = _Progress(err)
    scanner = Scanner(clients, workers=args.workers, progress=progress, exemptions=exemptions)
    try:
        result = scanner.run(selected, regions, settings.parameters).to_dict()
    except ScanInterrupted as stopped:
        progress.close()
        partial = stopped.result.to_dict()
        _write_report(args, partial, output, out, err)
        found = len(partial["evaluations"])
        err.write(
            f"warden: interrupted; the report holds what was found until then ({found} evaluations), marked partial\n"
        )
        return EXIT_INTERRUPTED
    finally:
        progress.close()
    _write_report(args, result, output, out, err)
    if args.remediate and _remediate(args, clients, result, err):
        return EXIT_FINDINGS
    if args.fail_on:
        return _gate(args, result, err)
    return EXIT_OK


def _write_report(
    args: argparse.Namespace, result: dict[str, Any], output: Path | None, out: TextIO, err: TextIO
) -> None:
    import shutil

    from warden.reports.scan_formats import RENDERERS, incomplete_summary, render_table

    if args.format == "table":
        terminal = output is None and out.isatty()
        width = shutil.get_terminal_size().columns if terminal else None
        colour = terminal and not os.environ.get("NO_COLOR")  # https://no-color.org
        rendered = render_table(result, show_compliant=args.show_compliant, width=width, colour=colour)
    else:
        rendered = RENDERERS[args.format](result)
    if output is None:
        out.write(rendered)
    else:
        try:
            output.write_text(rendered, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc
        err.write(f"wrote {len(result['evaluations'])} evaluations to {output}\n")
    incomplete = incomplete_summary(result)
    if incomplete and (output is not None or args.format != "table"):  # a table on the screen already says it
        err.write(f"warden: incomplete scan: {incomplete}\n")


def _gate(args: argparse.Namespace, result: dict[str, Any], err: TextIO) -> int:
    """--fail-on: exit 1, naming why, on a non-exempt finding this severe or, unless allowed, a read error."""
    from warden.model import Evaluation
    from warden.reports.scan_formats import resource_label

    threshold = Severity(args.fail_on)
    failing = [
        e
        for e in result["evaluations"]
        if e["compliance"] == Compliance.NON_COMPLIANT.value
        and Severity(e["severity"]).rank >= threshold.rank
        and not e.get("exemption")
    ]
    errors = [] if args.allow_read_errors else result["errors"]
    if not failing and not errors:
        return EXIT_OK
    reasons = []
    if failing:
        reasons.append(f"{len(failing)} non-exempt finding(s) at {threshold.value} or above")
    if errors:
        reasons.append(f"{len(errors)} read error(s) left part of the account unevaluated (--allow-read-errors)")
    err.write(f"warden: --fail-on {threshold.value} fails: {'; '.join(reasons)}\n")
    for e in failing[:GATE_LINES_SHOWN]:
        err.write(f"  {e['severity']:8}  {e['rule_id']}  {resource_label(Evaluation.from_dict(e))}  {e['region']}\n")
    for error in errors[:GATE_LINES_SHOWN]:
        err.write(
            f"  error     {error['operation']}  {error.get('resource_id', '-')}  {error['region']}  "
            f"{error['error_code']}\n"
        )
    hidden = max(len(failing) - GATE_LINES_SHOWN, 0) + max(len(errors) - GATE_LINES_SHOWN, 0)
    if hidden:
        err.write(f"  … and {hidden} more in the report\n")
    return EXIT_FINDINGS


def _remediate(args: argparse.Namespace, clients: Any, result: dict[str, Any], err: TextIO) -> bool:
    """Plan and apply fixes for the scan's findings; True when a remediation failed."""
    from collections import Counter

    from warden.model import Evaluation
    from warden.remediate import Pending

    remediator, exemptions = _remediator(args, clients, dry_run=args.dry_run)
    findings = [
        Evaluation.from_dict(e) for e in result["evaluations"] if e["compliance"] == Compliance.NON_COMPLIANT.value
    ]
    outcomes: Counter[str] = Counter()
    pending: list[Pending] = []
    err.write(f"\nRemediation ({'dry run' if args.dry_run else 'apply'}): {len(findings)} findings\n")
    for finding in findings:
        prepared = remediator.prepare(finding)
        if isinstance(prepared, Pending):
            pending.append(prepared)
            continue
        outcomes[prepared.outcome] += 1
        err.write(f"  {prepared.outcome:16} {finding.rule_id:42} {finding.resource_id}  {prepared.detail[:100]}\n")
        if prepared.plan and prepared.plan.calls and prepared.outcome == "PLANNED":
            err.write("\n".join("      " + line for line in prepared.plan.diff().splitlines()) + "\n")
    if pending:
        for item in pending:
            err.write(f"\n  plan {item.plan.plan_id} ({item.plan.risk} risk) for {item.plan.resource_arn}\n")
            err.write("\n".join("      " + line for line in item.plan.diff().splitlines()) + "\n")
        question = f"Apply {len(pending)} change(s) to account {result['account_id']}?"
        confirmed = _confirm(args, question, err)
        for item in pending:
            applied = remediator.apply(item) if confirmed else remediator.decline(item, "not confirmed by the operator")
            outcomes[applied.outcome] += 1
            err.write(
                f"  {applied.outcome:16} {item.plan.rule_id:42} {item.plan.resource_id}  {applied.detail[:100]}\n"
            )
    refused = getattr(remediator.budget, "refused", {})
    for rule_id, count in sorted(refused.items()):
        err.write(f"  blast radius: {count} more change(s) for {rule_id} were not made (cap reached)\n")
    for exemption in exemptions.expired():
        err.write(
            f"  expired exemption, not applied: {exemption.rule} on {exemption.resource}, {exemption.describe()}\n"
        )
    err.write(
        "  " + ", ".join(f"{n} {o.lower()}" for o, n in sorted(outcomes.items())) + f"; audit: {remediator.location}\n"
    )
    return outcomes["FAILED"] > 0


def cmd_approve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    clients = _clients(args)
    _check_credentials(clients)
    remediator, _ = _remediator(args, clients)
    plan = remediator.stored_plan(args.plan_id)
    out.write(plan.diff() + "\n")
    if not _confirm(args, f"Apply plan {args.plan_id}?", err):
        return EXIT_OK
    result = remediator.approve(args.plan_id)
    out.write(f"{result.outcome}: {result.detail} (record {result.record_id})\n")
    return EXIT_FINDINGS if result.outcome == "FAILED" else EXIT_OK


def cmd_rollback(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    clients = _clients(args)
    _check_credentials(clients)
    remediator, _ = _remediator(args, clients)
    if not _confirm(args, f"Roll back the change recorded in {args.record_id}?", err):
        return EXIT_OK
    result = remediator.rollback(args.record_id)
    out.write(f"{result.outcome}: {result.detail} (record {result.record_id})\n")
    return EXIT_FINDINGS if result.outcome == "FAILED" else EXIT_OK


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
    import importlib.util

    if importlib.util.find_spec("moto") is None:
        raise UsageError("warden demo needs moto: pip install 'warden[demo]'")
    output_dir = _output_dir(args.output_dir)
    from warden import demo

    return demo.run(out, output_dir)


COMMANDS = {
    "scan": cmd_scan,
    "rules": cmd_rules,
    "demo": cmd_demo,
    "approve": cmd_approve,
    "rollback": cmd_rollback,
    "audit": cmd_audit,
}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has already printed the reason, --help or --version
        return int(exc.code or 0) and EXIT_USAGE
    try:
        return COMMANDS[args.command](args, out, err)
    except WardenError as exc:  # UsageError and every deliberate error: the reason, on one line
        err.write(f"warden: {' '.join(str(exc).split())}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.write("warden: interrupted\n")
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
