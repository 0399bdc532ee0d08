"""The remediation commands: `scan --remediate`, `plans`, `approve` and `rollback`.

Every refusal is a `WardenError`, which `warden.cli.main` prints as one line and exit 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import botocore.exceptions

from warden.aws import AWS_ERRORS, error_code
from warden.cli import EXIT_FINDINGS, EXIT_OK, _check_credentials, _clients
from warden.exemptions import Exemptions
from warden.ledger import Ledger, LedgerError, LocalStore, Outcome, S3Store
from warden.model import Compliance, Evaluation
from warden.organization import DEFAULT_REMEDIATION_ROLE_NAME, OrganizationError, assume, role_arn
from warden.remediate import Pending, Remediator, Result, RunBudget, merge, pending_plans
from warden.remediation import Mode
from warden.settings import Settings

DEFAULT_AUDIT_DIR = ".warden/audit"
# Outcomes after which a requested change was not made: the command exits 1. A blast-radius cap is
# policy working as configured, reported but not a failure.
NOT_DONE = frozenset({Outcome.FAILED, Outcome.REJECTED})
NOTHING_CHANGED = "warden: nothing was changed\n"


def open_ledger(args: argparse.Namespace, clients: Any, err: TextIO, *, existing: bool = False) -> Ledger:
    """The ledger `--audit-dir` or `--audit-bucket` names, checked before anything runs.

    A missing bucket or a directory that cannot be written is a LedgerError; a bucket whose records are
    not retained by Object Lock gets a warning. `existing`: the ledger must be there already (it is read)."""
    if args.audit_bucket:
        ledger = Ledger(_bucket_store(clients.client("s3"), args.audit_bucket, err))
    else:
        ledger = Ledger(LocalStore(_writable_directory(args, existing)))
    args.opened_ledger = ledger  # main() anchors the heads it appended to when the command ends
    return ledger


def _writable_directory(args: argparse.Namespace, existing: bool) -> Path:
    directory = Path(args.audit_dir or DEFAULT_AUDIT_DIR)
    if existing and not directory.is_dir():
        raise LedgerError(f"no audit directory at {directory}")
    nearest = directory
    while not nearest.exists():  # the directory is created on the first write: its nearest ancestor must allow it
        nearest = nearest.parent
    if not nearest.is_dir() or not os.access(nearest, os.W_OK | os.X_OK):
        raise LedgerError(f"cannot write the audit directory {directory}: {nearest} is not a writable directory")
    return directory


def _bucket_store(s3: Any, bucket: str, err: TextIO) -> S3Store:
    try:
        s3.head_bucket(Bucket=bucket)
        store = S3Store(s3, bucket)
        lock = s3.get_object_lock_configuration(Bucket=bucket)["ObjectLockConfiguration"]
    except botocore.exceptions.ClientError as exc:
        code = error_code(exc)
        if code in ("404", "NoSuchBucket", "NotFound"):
            raise LedgerError(f"the audit bucket {bucket} does not exist") from exc
        if code != "ObjectLockConfigurationNotFoundError":
            raise LedgerError(f"cannot use the audit bucket {bucket}: {code}") from exc
        lock = {}
    if lock.get("ObjectLockEnabled") != "Enabled" or not (lock.get("Rule") or {}).get("DefaultRetention"):
        err.write(
            f"warden: warning: the audit bucket {bucket} has no Object Lock default retention, "
            "so its records can be deleted\n"
        )
    return store


def _remediator(
    args: argparse.Namespace,
    clients: Any,
    ledger: Ledger,
    request: Mode,
    exemptions: Exemptions | None = None,
    budget: RunBudget | None = None,
) -> Remediator:
    settings = Settings.load(args.settings)

    def explicit_request(configured: Mode) -> Mode:
        # On the command line --remediate is the operator's request: only off and notify still hold.
        return configured if configured in (Mode.OFF, Mode.NOTIFY) else request

    return Remediator(
        clients,
        ledger,
        settings=settings,
        exemptions=exemptions,
        mode_override=explicit_request,
        budget=budget or _run_budget(args, settings),
    )


def _run_budget(args: argparse.Namespace, settings: Settings) -> RunBudget:
    limit = getattr(args, "max_changes", None)
    return RunBudget(limit if limit is not None else settings.max_changes_per_rule)


def remediation_role(args: argparse.Namespace, clients: Any) -> Callable[[str], Any]:
    """Clients acting in an account through its remediation role (`--remediation-role-name`, default
    WardenRemediationRole, with `--external-id`); a role that cannot be assumed raises the AWS error."""
    role_name = getattr(args, "remediation_role_name", None) or DEFAULT_REMEDIATION_ROLE_NAME

    def member_clients(account_id: str) -> Any:
        arn = role_arn(clients.partition, account_id, role_name)
        return assume(clients, arn, session_name="warden-remediation", external_id=args.external_id)

    return member_clients


def _acting_in(
    args: argparse.Namespace, clients: Any, ledger: Ledger, request: Mode, remediator: Remediator, account_id: str
) -> Remediator:
    """The remediator for a stored plan or record: as is in Warden's own account; in another account (an
    organization scan stored it) through that account's remediation role, never the caller's own access."""
    if account_id == clients.account_id:
        return remediator
    try:
        member = remediation_role(args, clients)(account_id)
    except AWS_ERRORS as exc:
        raise OrganizationError(
            f"cannot act in account {account_id} through its remediation role: {error_code(exc)}"
        ) from exc
    return _remediator(args, member, ledger, request)


def confirm(args: argparse.Namespace, question: str, err: TextIO) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        err.write(f"{question} — not a terminal, so nothing is applied without --yes\n")
        return False
    err.write(f"{question} [y/N] ")
    err.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def _target(args: argparse.Namespace) -> str:
    """The audit options to repeat in a follow-up command, so it finds the same ledger."""
    if args.audit_bucket:
        return f" --audit-bucket {shlex.quote(args.audit_bucket)}"
    return f" --audit-dir {shlex.quote(args.audit_dir)}" if args.audit_dir else ""


def _indented(text: str) -> str:
    return "\n".join("      " + line for line in text.splitlines()) + "\n"


def _report(result: Result, args: argparse.Namespace, err: TextIO) -> None:
    plan = result.plan
    resource = plan.resource_id if plan else result.resource_arn
    err.write(f"  {result.outcome:16} {result.rule_id:42} {resource}  {result.detail[:100]}\n")
    if result.outcome is Outcome.PENDING_APPROVAL and plan:
        err.write(_indented(plan.diff()))
        err.write(f"      plan {plan.plan_id}: warden approve {plan.plan_id}{_target(args)}\n")
    elif result.outcome is Outcome.PLANNED and plan and plan.calls:
        err.write(_indented(plan.diff()))
    elif result.outcome is Outcome.REMEDIATED and plan:
        undo = f": warden rollback {result.record_id}{_target(args)}" if plan.reversible else " (not reversible)"
        err.write(f"      record {result.record_id}{undo}\n")
    elif result.outcome is Outcome.FAILED and plan:
        err.write(f"      record {result.record_id}\n")


def remediate(
    args: argparse.Namespace,
    clients: Any,
    ledger: Ledger,
    result: dict[str, Any],
    err: TextIO,
    member_clients: Callable[[str], Any] | None = None,
) -> bool:
    """Plan, store or apply fixes for a scan's findings; True when the command must exit 1
    (a change failed or was refused, or the operator did not confirm).

    `member_clients(account_id)`: the clients that act in a finding's account (an organization scan's
    member remediation role); each account gets its own Remediator, all sharing the ledger and the budget."""
    request = Mode.DRY_RUN if args.dry_run else Mode.APPROVE if args.plan_only else Mode.AUTO
    exemptions = Exemptions.load(args.exemptions)
    budget = _run_budget(args, Settings.load(args.settings))
    remediators: dict[str, Remediator] = {}
    unreachable: dict[str, str] = {}  # account id -> why its remediation role could not be assumed

    def remediator_for(account_id: str) -> Remediator | None:
        if account_id not in remediators and account_id not in unreachable:
            try:
                acting = clients if member_clients is None else member_clients(account_id)
            except AWS_ERRORS as exc:
                unreachable[account_id] = f"{error_code(exc)}: {exc}"
                return None
            remediators[account_id] = _remediator(args, acting, ledger, request, exemptions, budget)
        return remediators.get(account_id)

    findings = [
        Evaluation.from_dict(e) for e in result["evaluations"] if e["compliance"] == Compliance.NON_COMPLIANT.value
    ]
    what = {Mode.DRY_RUN: "dry run", Mode.APPROVE: "plan only", Mode.AUTO: "apply"}[request]
    err.write(f"\nRemediation ({what}): {len(findings)} findings\n")
    outcomes: Counter[str] = Counter()
    pending: list[Pending] = []
    for finding in findings:
        remediator = remediator_for(finding.account_id)
        if remediator is None:
            outcomes[Outcome.FAILED] += 1
            err.write(
                f"  {Outcome.FAILED:16} {finding.rule_id:42} {finding.resource_id}  "
                f"account {finding.account_id}: {unreachable[finding.account_id][:100]}\n"
            )
            continue
        prepared = remediator.prepare(finding)
        if isinstance(prepared, Pending):
            pending.append(prepared)
            continue
        outcomes[prepared.outcome] += 1
        _report(prepared, args, err)
    declined = False
    if pending:
        changes = merge(pending)
        for change in changes:
            plan = change[0].plan
            err.write(f"\n  change {plan.plan_id} ({plan.risk} risk) for {plan.resource_arn}\n")
            if len(change) > 1:
                err.write(f"      one change for {len(change)} findings: {', '.join(p.plan.rule_id for p in change)}\n")
            err.write(_indented(plan.diff()))
        accounts = sorted({p.context.evaluation.account_id for p in pending})
        where = f"account {accounts[0]}" if len(accounts) == 1 else f"{len(accounts)} accounts ({', '.join(accounts)})"
        declined = not confirm(args, f"Apply {len(changes)} change(s) to {where}?", err)
        applied: list[Result] = []
        if declined:
            for p in pending:
                applied.append(_acting(remediators, p).decline(p, "not confirmed by the operator"))
        else:
            # A resource lives in one account, so a change (one resource) belongs to one account's remediator.
            by_account: dict[str, list[list[Pending]]] = {}
            for change in changes:
                by_account.setdefault(change[0].context.evaluation.account_id, []).append(change)
            for account_id, account_changes in by_account.items():
                applied.extend(remediators[account_id].apply_confirmed(account_changes))
        for outcome in applied:
            outcomes[outcome.outcome] += 1
            _report(outcome, args, err)
    for rule_id, count in sorted(budget.refused.items()):
        err.write(f"  blast radius: {count} more change(s) for {rule_id} were not made (cap reached)\n")
    for exemption in exemptions.expired():
        err.write(
            f"  expired exemption, not applied: {exemption.rule} on {exemption.resource}, {exemption.describe()}\n"
        )
    err.write(
        "  "
        + ", ".join(f"{n} {o.lower()}" for o, n in sorted(outcomes.items()))
        + f"; audit: {ledger.store.location}\n"
    )
    if declined:
        err.write(NOTHING_CHANGED)
    return declined or any(outcomes[o] for o in NOT_DONE)


def _acting(remediators: dict[str, Remediator], pending: Pending) -> Remediator:
    return remediators[pending.context.evaluation.account_id]


def plans(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """`warden plans`: the stored plans waiting for `warden approve`."""
    clients = None
    if args.audit_bucket:  # a local ledger needs no AWS access
        clients = _clients(args)
        _check_credentials(clients)
    ledger = open_ledger(args, clients, err, existing=True)
    waiting = pending_plans(ledger)
    if not waiting:
        out.write(f"No plans waiting for approval in {ledger.store.location}.\n")
        return EXIT_OK
    now = dt.datetime.now(dt.UTC)
    out.write(f"{'PLAN ID':36}  {'RULE':42} {'RISK':5} {'AGE':>5}  RESOURCE\n")
    for plan in waiting:
        age = _age(now - dt.datetime.fromisoformat(plan.created_at))
        out.write(f"{plan.plan_id:36}  {plan.rule_id:42} {plan.risk.value:5} {age:>5}  {plan.resource_arn}\n")
    out.write(f"{len(waiting)} plan(s); apply one with: warden approve PLAN_ID{_target(args)}\n")
    return EXIT_OK


def _age(elapsed: dt.timedelta) -> str:
    seconds = max(int(elapsed.total_seconds()), 0)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def approve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """`warden approve PLAN_ID`: re-read the resource, refuse a drifted plan, apply and verify."""
    clients = _clients(args)
    _check_credentials(clients)
    ledger = open_ledger(args, clients, err, existing=True)
    remediator = _remediator(args, clients, ledger, Mode.APPROVE)
    plan = remediator.stored_plan(args.plan_id)  # refuses an unknown or settled plan before asking
    remediator = _acting_in(args, clients, ledger, Mode.APPROVE, remediator, plan.account_id)
    out.write(f"plan {plan.plan_id} ({plan.risk} risk): {plan.rule_id} on {plan.resource_arn}\n{plan.diff()}\n")
    if not confirm(args, f"Apply plan {args.plan_id}?", err):
        err.write(NOTHING_CHANGED)
        return EXIT_FINDINGS
    result = remediator.approve(args.plan_id)
    out.write(f"{result.outcome}: {result.detail} (record {result.record_id})\n")
    if result.outcome is Outcome.REMEDIATED and plan.reversible:
        out.write(f"undo with: warden rollback {result.record_id}{_target(args)}\n")
    return EXIT_FINDINGS if result.outcome in NOT_DONE else EXIT_OK


def rollback(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """`warden rollback RECORD_ID`: check the record, show what is restored, then restore it."""
    clients = _clients(args)
    _check_credentials(clients)
    ledger = open_ledger(args, clients, err, existing=True)
    remediator = _remediator(args, clients, ledger, Mode.AUTO)
    undo = remediator.rollback_of(args.record_id)  # refuses a missing, irreversible or undone record before asking
    plan = undo.plan
    remediator = _acting_in(args, clients, ledger, Mode.AUTO, remediator, plan.account_id)
    out.write(f"record {args.record_id} ({undo.record['time']}): {plan.rule_id} on {plan.resource_arn}\n")
    out.write(undo.diff() + "\n")
    if not confirm(args, f"Roll back the change recorded in {args.record_id}?", err):
        err.write(NOTHING_CHANGED)
        return EXIT_FINDINGS
    result = remediator.rollback(args.record_id)
    out.write(f"{result.outcome}: {result.detail} (record {result.record_id})\n")
    return EXIT_FINDINGS if result.outcome in NOT_DONE else EXIT_OK
