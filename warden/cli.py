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

from warden import __version__, cli_report
from warden.model import Compliance, Severity, WardenError
from warden.organization import DEFAULT_REMEDIATION_ROLE_NAME, DEFAULT_ROLE_NAME

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


def _account_id(text: str) -> str:
    if not (len(text) == 12 and text.isdigit()):
        raise argparse.ArgumentTypeError(f"{text!r} is not an AWS account id (12 digits)")
    return text


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


class _OrganizationProgress:
    """An organization scan's progress on stderr: a line per account as it ends (scanned, skipped and why,
    failed and why); on a terminal also one self-rewriting line with each running account's listings."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._terminal = stream.isatty()
        self._lock = threading.Lock()
        self._total = self._done = 0
        self._running: dict[str, _AccountProgress] = {}
        self._live = False

    def accounts(self, total: int) -> None:
        self._total = total

    def scanning(self, account_id: str) -> _AccountProgress:
        with self._lock:
            progress = self._running[account_id] = _AccountProgress(self)
        return progress

    def finished(self, outcome: Any) -> None:
        with self._lock:
            self._done += 1
            self._running.pop(outcome.account_id, None)
            name = f" ({outcome.name})" if outcome.name else ""
            self._clear()
            where = f"  [{self._done}/{self._total}] account {outcome.account_id}{name}"
            self._stream.write(f"{where}: {outcome.status}, {outcome.detail}\n")
            self._draw()

    def changed(self) -> None:
        with self._lock:
            self._draw()

    def _draw(self) -> None:
        if not self._terminal or not self._running:
            self._stream.flush()
            return
        running = ", ".join(f"{a} {p.done}/{p.total}" for a, p in sorted(self._running.items()))
        line = f"  {self._done}/{self._total} accounts done; listings: {running}"
        self._stream.write("\r" + line[:110])
        self._stream.flush()
        self._live = True

    def _clear(self) -> None:
        if self._live:
            self._stream.write("\r" + " " * 112 + "\r")
            self._live = False

    def close(self) -> None:
        with self._lock:
            self._clear()
            self._stream.flush()


class _AccountProgress:
    """One account's scan, counted for the organization's display."""

    def __init__(self, display: _OrganizationProgress) -> None:
        self._display = display
        self.total = self.done = 0  # listings

    def started(self, listings: int) -> None:
        self.total = listings
        self._display.changed()

    def resource(self) -> None:
        pass  # the display counts listings: per-resource redraws across accounts would flood a slow terminal

    def listed(self, resource_type: str, region: str, resources: int, error: str | None) -> None:
        self.done += 1
        self._display.changed()


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
        "--framework",
        action="append",
        default=[],
        type=str.lower,
        help="run a framework's rules (fsbp, cis, nist-800-53, pci-dss)",
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
    history = scan.add_mutually_exclusive_group()
    history.add_argument("--history", help="record the result in this scan history (default: the user's data dir)")
    history.add_argument("--no-history", action="store_true", help="do not record the result in the scan history")
    org = scan.add_argument_group("organization")
    org.add_argument(
        "--organization",
        action="store_true",
        help="scan every active account of the AWS Organization, through a role assumed in each",
    )
    org.add_argument("--role-name", help=f"the role to assume in each account (default {DEFAULT_ROLE_NAME})")
    org.add_argument("--external-id", help="the external id the accounts' roles require")
    org.add_argument("--account", action="append", default=[], type=_account_id, help="scan only this account")
    org.add_argument(
        "--exclude-account", action="append", default=[], type=_account_id, help="do not scan this account"
    )
    org.add_argument("--parallel-accounts", type=_positive_int, default=4, help="accounts scanned at once")
    org.add_argument(
        "--max-connections", type=_positive_int, default=64, help="API calls in flight across all accounts"
    )
    fix = scan.add_argument_group("remediation")
    fix.add_argument("--remediate", action="store_true", help="plan and apply fixes for what the scan found")
    fix.add_argument("--dry-run", action="store_true", help="with --remediate: print the plans, change nothing")
    fix.add_argument("--plan-only", action="store_true", help="with --remediate: store the plans for `warden approve`")
    fix.add_argument("--yes", action="store_true", help="with --remediate: apply without asking")
    fix.add_argument("--max-changes", type=int, help="blast radius: changes per rule in this run")
    fix.add_argument(
        "--remediation-role-name",
        help=f"with --organization: the role that fixes each account (default {DEFAULT_REMEDIATION_ROLE_NAME})",
    )
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
        sub.add_argument(
            "--remediation-role-name",
            help="a change in another account (organization scan) is made through this role in it "
            f"(default {DEFAULT_REMEDIATION_ROLE_NAME})",
        )
        sub.add_argument("--external-id", help="the external id that role requires")

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


def _anchor_ledger(args: argparse.Namespace, err: TextIO) -> None:
    """Digest the head of every stream the run appended to: truncating them later is then detected."""
    from warden.aws import AWS_ERRORS

    ledger = getattr(args, "opened_ledger", None)
    if ledger is None:
        return
    try:
        ledger.write_digest()
    except (*AWS_ERRORS, OSError) as exc:
        err.write(f"warden: the audit ledger's heads were not anchored by a digest: {exc}\n")


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


ORGANIZATION_OPTIONS = (
    "role_name",
    "external_id",
    "account",
    "exclude_account",
    "remediation_role_name",
)


def _check_organization_options(args: argparse.Namespace) -> None:
    """Options that only an organization scan uses are refused without --organization, and so is `all`."""
    all_regions = "all" in args.region
    if all_regions and len(args.region) > 1:
        raise UsageError("--region all names every enabled region: give it alone")
    if args.organization:
        return
    given = [name for name in ORGANIZATION_OPTIONS if getattr(args, name)]
    if given:
        raise UsageError(f"--{given[0].replace('_', '-')} goes with --organization")
    if all_regions:
        raise UsageError("--region all goes with --organization (each account's enabled regions are listed)")


def _organization_scanner(args: argparse.Namespace, clients: Any, progress: Any, exemptions: Any) -> Any:
    from warden.org_scan import OrganizationScanner

    return OrganizationScanner(
        clients,
        role_name=args.role_name or DEFAULT_ROLE_NAME,
        external_id=args.external_id,
        accounts=args.account,
        exclude=args.exclude_account,
        workers=args.workers,
        accounts_at_once=args.parallel_accounts,
        max_connections=args.max_connections,
        exemptions=exemptions,
        progress=progress,
    )


def cmd_scan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from warden import frameworks
    from warden.exemptions import Exemptions
    from warden.registry import load_rules
    from warden.scan import ScanInterrupted, Scanner
    from warden.settings import Settings

    # Everything the operator gave is checked before the first AWS call.
    registry = load_rules()
    framework_rules = [rule_id for name in args.framework for rule_id in frameworks.rule_ids(name)]
    for name in dict.fromkeys(args.framework):
        err.write(frameworks.coverage(name) + "\n")
    selected = registry.select([*args.rule, *framework_rules], args.control)
    settings = Settings.load(args.settings)
    for rule_id, given in settings.parameters.items():
        registry.get(rule_id).resolve_parameters(given)
    exemptions = Exemptions.load(args.exemptions)
    output = _output_file(args.output) if args.output else None
    _check_organization_options(args)
    clients = _clients(args)
    every_region = args.region == ["all"]
    regions = [] if every_region else _known_regions(args.region or [clients.default_region or "us-east-1"])
    _check_credentials(clients)
    ledger = _audit_ledger(args, clients, err)
    progress: _Progress | _OrganizationProgress
    if args.organization:
        progress = _OrganizationProgress(err)
        scanner = _organization_scanner(args, clients, progress, exemptions)
    else:
        progress = _Progress(err)
        scanner = Scanner(clients, workers=args.workers, progress=progress, exemptions=exemptions)
    try:
        result = scanner.run(selected, None if every_region else regions, settings.parameters).to_dict()
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
    if not args.no_history:
        from warden.org_scan import per_account_results

        for recorded in per_account_results(result) if args.organization else [result]:
            _record_history(args.history, recorded, err)
    _write_report(args, result, output, out, err)
    if ledger is not None and _remediate(args, clients, ledger, result, err):
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
        account = f"{error['account_id']}  " if "account_id" in error else ""
        err.write(
            f"  error     {account}{error['operation']}  {error.get('resource_id', '-')}  {error['region']}  "
            f"{error['error_code']}\n"
        )
    hidden = max(len(failing) - GATE_LINES_SHOWN, 0) + max(len(errors) - GATE_LINES_SHOWN, 0)
    if hidden:
        err.write(f"  … and {hidden} more in the report\n")
    return EXIT_FINDINGS


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
    from warden.cli_remediation import remediate, remediation_role

    # In an organization, each finding is fixed in its own account, through that account's remediation role.
    return remediate(args, clients, ledger, result, err, remediation_role(args, clients) if args.organization else None)


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
    """Exit 0 when every chain is intact, 1 naming each problem, 2 when there is no ledger to verify."""
    from warden.aws import error_code
    from warden.ledger import LocalStore, S3Store, verify

    where = f"s3://{args.bucket}/{args.prefix}" if args.bucket else args.dir
    try:
        if args.bucket:
            store: Any = S3Store(_clients(args).client("s3"), args.bucket, args.prefix)
        else:
            if not os.path.isdir(args.dir):
                raise UsageError(f"no audit directory at {args.dir}")
            store = LocalStore(args.dir)
        report = verify(store)
    except botocore.exceptions.NoCredentialsError as exc:
        raise UsageError("no AWS credentials found (set a profile, environment variables or SSO login)") from exc
    except botocore.exceptions.ClientError as exc:
        code = error_code(exc)
        reason = f"no bucket {args.bucket}" if code in ("NoSuchBucket", "404") else f"AWS answered {code}"
        raise UsageError(f"cannot read the audit ledger at {where}: {reason}") from exc
    except botocore.exceptions.BotoCoreError as exc:
        raise UsageError(f"cannot reach AWS: {exc}") from exc
    except OSError as exc:
        raise UsageError(f"cannot read the audit ledger at {where}: {exc.strerror or exc}") from exc
    if not report.streams:
        raise UsageError(f"no audit ledger at {where}: it holds no chain of records")
    for problem in report.problems:
        out.write(f"TAMPERED  {problem}\n")
    verdict = "intact" if report.ok else f"{len(report.problems)} problem(s)"
    anchored = f"{report.digests} anchored by a digest"
    out.write(f"{report.records} records in {report.streams} stream(s), {anchored}, at {store.location}: {verdict}\n")
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


def cmd_report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.output:
        _output_file(args.output)
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
    finally:
        _anchor_ledger(args, err)


if __name__ == "__main__":
    sys.exit(main())
