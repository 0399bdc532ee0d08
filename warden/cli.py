"""The `warden` command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

import boto3
import botocore.exceptions

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
    fix = scan.add_argument_group("remediation")
    fix.add_argument("--remediate", action="store_true", help="plan and apply fixes for what the scan found")
    fix.add_argument("--dry-run", action="store_true", help="with --remediate: print the plans, change nothing")
    fix.add_argument("--yes", action="store_true", help="with --remediate: apply without asking")
    fix.add_argument("--exemptions", help="exemptions file (JSON, see warden/schemas/exemptions.schema.json)")
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
        ledger = Ledger(S3Store(clients.client("s3"), args.audit_bucket))
    else:
        ledger = Ledger(LocalStore(args.audit_dir or ".warden/audit"))
    args.opened_ledger = ledger  # main() anchors its heads when the command ends
    return ledger


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
    regions = args.region or [clients.default_region or "us-east-1"]
    progress = _Progress(err)
    try:
        result = Scanner(clients, workers=args.workers, progress=progress).run(selected, regions).to_dict()
    finally:
        progress.close()
    rendered = RENDERERS[args.format](result)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(rendered)
        err.write(f"wrote {len(result['evaluations'])} evaluations to {args.output}\n")
    else:
        out.write(rendered)
    if args.remediate and _remediate(args, clients, result, err):
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
    from pathlib import Path

    from warden import demo

    return demo.run(out, Path(args.output_dir))


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
    finally:
        _anchor_ledger(args, err)


if __name__ == "__main__":
    sys.exit(main())
