"""The remediation contract: a plan (read-only, a diff of API calls and state) that a generic executor applies."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from warden.aws import Clients
from warden.model import ConfigurationItem, WardenError
from warden.registry import Rule, discover


class Risk(StrEnum):
    LOW = "low"  # additive hardening
    HIGH = "high"  # may break a workload


class Mode(StrEnum):
    OFF = "off"
    NOTIFY = "notify"
    DRY_RUN = "dry-run"
    APPROVE = "approve"
    AUTO = "auto"


class UnknownRemediationError(WardenError):
    pass


_REFERENCE = re.compile(r"^\{\{(\w+)\.(\w+)\}\}$")


@dataclass(frozen=True)
class ApiCall:
    """One call the plan makes. `save_as` names its response for `{{name.Field}}` references later."""

    service: str
    operation: str
    params: Mapping[str, Any]
    save_as: str | None = None

    def describe(self) -> str:
        return f"{self.service}:{_pascal(self.operation)} {json.dumps(self.params, sort_keys=True, default=str)}"

    def to_dict(self) -> dict[str, Any]:
        out = {"service": self.service, "operation": self.operation, "params": dict(self.params)}
        if self.save_as:
            out["save_as"] = self.save_as
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ApiCall:
        return cls(data["service"], data["operation"], data["params"], data.get("save_as"))


def _pascal(snake: str) -> str:
    return "".join(part.title() for part in snake.split("_"))


# API Gateway authorises by HTTP verb; some S3 calls are authorised by another action's name.
_APIGATEWAY_VERBS = {
    "get": "GET",
    "update": "PATCH",
    "generate": "POST",
    "create": "POST",
    "put": "PUT",
    "delete": "DELETE",
}
_SPECIAL_ACTIONS = {
    ("s3", "list_buckets"): "s3:ListAllMyBuckets",
    ("s3", "head_bucket"): "s3:ListBucket",
    ("s3", "get_bucket_tagging"): "s3:GetBucketTagging",
    ("s3", "list_objects_v2"): "s3:ListBucket",
    ("s3", "get_object_lock_configuration"): "s3:GetBucketObjectLockConfiguration",
    ("sts", "get_caller_identity"): "sts:GetCallerIdentity",
    ("s3", "put_public_access_block"): "s3:PutBucketPublicAccessBlock",
    ("s3", "delete_public_access_block"): "s3:PutBucketPublicAccessBlock",
    ("s3", "get_public_access_block"): "s3:GetBucketPublicAccessBlock",
    ("s3control", "put_public_access_block"): "s3:PutAccountPublicAccessBlock",
    ("s3control", "delete_public_access_block"): "s3:PutAccountPublicAccessBlock",
    ("s3control", "get_public_access_block"): "s3:GetAccountPublicAccessBlock",
    # RDS spells DB in capitals, which the snake-case operation name loses.
    ("rds", "modify_db_instance"): "rds:ModifyDBInstance",
    ("rds", "modify_db_cluster"): "rds:ModifyDBCluster",
    ("rds", "modify_db_snapshot_attribute"): "rds:ModifyDBSnapshotAttribute",
    ("rds", "modify_db_cluster_snapshot_attribute"): "rds:ModifyDBClusterSnapshotAttribute",
    ("s3", "get_bucket_lifecycle_configuration"): "s3:GetLifecycleConfiguration",
    ("s3", "get_bucket_encryption"): "s3:GetEncryptionConfiguration",
    ("s3", "get_bucket_notification_configuration"): "s3:GetBucketNotification",
}

# boto3 service names whose IAM prefix differs.
_IAM_PREFIXES = {
    "elbv2": "elasticloadbalancing",
    "elb": "elasticloadbalancing",
    "efs": "elasticfilesystem",
    "s3control": "s3",
    "stepfunctions": "states",
}


def iam_action(service: str, operation: str) -> str:
    """The IAM action that authorises a boto3 call (`put_bucket_policy` or `PutBucketPolicy`)."""
    if operation[:1].isupper():
        operation = re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower()
    if (service, operation) in _SPECIAL_ACTIONS:
        return _SPECIAL_ACTIONS[(service, operation)]
    if service in ("apigateway", "apigatewayv2"):
        return f"apigateway:{_APIGATEWAY_VERBS[operation.split('_', 1)[0]]}"
    return f"{_IAM_PREFIXES.get(service, service)}:{_pascal(operation)}"


@dataclass(frozen=True)
class Change:
    """What a remediation's `plan` function returns: calls, and the relevant state before and after."""

    calls: tuple[ApiCall, ...]
    before: Mapping[str, Any]
    after: Mapping[str, Any]
    manual_action: str | None = None


@dataclass(frozen=True)
class Plan:
    plan_id: str
    remediation_id: str
    rule_id: str
    resource_type: str
    resource_id: str
    resource_arn: str
    region: str
    account_id: str
    calls: tuple[ApiCall, ...]
    before: Mapping[str, Any]
    after: Mapping[str, Any]
    reversible: bool
    risk: Risk
    created_at: str
    manual_action: str | None = None

    @property
    def is_noop(self) -> bool:
        return not self.calls

    def diff(self) -> str:
        """The state change as a unified diff, then the calls that make it."""
        before = json.dumps(self.before, indent=2, sort_keys=True, default=str).splitlines()
        after = json.dumps(self.after, indent=2, sort_keys=True, default=str).splitlines()
        lines = list(difflib.unified_diff(before, after, f"{self.resource_arn} (now)", "(after)", lineterm=""))
        lines += [f"  call {c.describe()}" for c in self.calls]
        if self.manual_action:
            lines.append(f"  manual action: {self.manual_action}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "plan_id": self.plan_id,
            "remediation_id": self.remediation_id,
            "rule_id": self.rule_id,
            "resource_type": self.resource_type,
            "resource_id": self.resource_id,
            "resource_arn": self.resource_arn,
            "region": self.region,
            "account_id": self.account_id,
            "calls": [c.to_dict() for c in self.calls],
            "before": dict(self.before),
            "after": dict(self.after),
            "reversible": self.reversible,
            "risk": self.risk.value,
            "created_at": self.created_at,
            "manual_action": self.manual_action,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Plan:
        return cls(
            plan_id=data["plan_id"],
            remediation_id=data["remediation_id"],
            rule_id=data["rule_id"],
            resource_type=data["resource_type"],
            resource_id=data["resource_id"],
            resource_arn=data["resource_arn"],
            region=data["region"],
            account_id=data["account_id"],
            calls=tuple(ApiCall.from_dict(c) for c in data["calls"]),
            before=data["before"],
            after=data["after"],
            reversible=data["reversible"],
            risk=Risk(data["risk"]),
            created_at=data["created_at"],
            manual_action=data.get("manual_action"),
        )


# planner(item, rule, resolved rule parameters): read-only; `before` is always the current relevant state.
PlanFunction = Callable[[ConfigurationItem, Rule, Mapping[str, Any]], Change]
RollbackFunction = Callable[[Plan], Sequence[ApiCall]]


@dataclass(frozen=True)
class Remediation:
    id: str
    title: str
    description: str
    fixes: tuple[str, ...]
    permissions: tuple[str, ...]
    reversible: bool
    risk: Risk
    planner: PlanFunction = field(repr=False, compare=False)
    rollback_planner: RollbackFunction | None = field(default=None, repr=False, compare=False)
    # State the planner reads beyond what the rule needs (collector attribute names).
    attributes: tuple[str, ...] = ()

    @property
    def notify_only(self) -> bool:
        return not self.permissions

    def plan(self, item: ConfigurationItem, rule: Rule, params: Mapping[str, Any]) -> Plan:
        change = self.planner(item, rule, params)
        return Plan(
            plan_id=str(uuid.uuid4()),
            remediation_id=self.id,
            rule_id=rule.id,
            resource_type=item.resource_type,
            resource_id=item.resource_id,
            resource_arn=item.arn,
            region=item.region,
            account_id=item.account_id,
            calls=change.calls,
            before=change.before,
            after=change.after,
            reversible=self.reversible,
            risk=self.risk,
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            manual_action=change.manual_action,
        )

    def rollback_calls(self, plan: Plan) -> tuple[ApiCall, ...]:
        if not self.reversible or self.rollback_planner is None:
            raise WardenError(f"{self.id} is not reversible")
        return tuple(self.rollback_planner(plan))

    def to_metadata(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "fixes": list(self.fixes),
            "permissions": list(self.permissions),
            "reversible": self.reversible,
            "risk": self.risk.value,
            "attributes": list(self.attributes),
        }


def execute(clients: Clients, region: str, calls: Iterable[ApiCall]) -> list[dict[str, Any]]:
    """Run calls in order; `{{name.Field}}` parameters take a field from an earlier saved response."""
    saved: dict[str, Mapping[str, Any]] = {}
    responses = []
    for call in calls:
        params = {key: _resolve(value, saved) for key, value in call.params.items()}
        response = getattr(clients.client(call.service, region), call.operation)(**params)
        response.pop("ResponseMetadata", None)
        if call.save_as:
            saved[call.save_as] = response
        responses.append(response)
    return responses


def _resolve(value: Any, saved: Mapping[str, Mapping[str, Any]]) -> Any:
    if isinstance(value, str) and (match := _REFERENCE.match(value)):
        return saved[match.group(1)][match.group(2)]
    if isinstance(value, list):
        return [_resolve(v, saved) for v in value]
    if isinstance(value, Mapping):
        return {k: _resolve(v, saved) for k, v in value.items()}
    return value


class RemediationRegistry:
    def __init__(self) -> None:
        self._entries: dict[str, Remediation] = {}

    def add(self, entry: Remediation) -> Remediation:
        if entry.id in self._entries and self._entries[entry.id].planner is not entry.planner:
            raise WardenError(f"remediation {entry.id} is registered twice")
        self._entries[entry.id] = entry
        return entry

    def get(self, remediation_id: str) -> Remediation:
        try:
            return self._entries[remediation_id]
        except KeyError:
            raise UnknownRemediationError(f"unknown remediation {remediation_id!r}") from None

    def all(self) -> list[Remediation]:
        return sorted(self._entries.values(), key=lambda r: r.id)


REMEDIATIONS = RemediationRegistry()
_loaded = False


def remediation(
    *,
    id: str,
    title: str,
    fixes: Iterable[str],
    permissions: Iterable[str],
    reversible: bool,
    risk: Risk,
    rollback: RollbackFunction | None = None,
    attributes: Iterable[str] = (),
) -> Callable[[PlanFunction], Remediation]:
    """Declare a remediation: metadata here, the read-only planner in the decorated function."""

    def declare(planner: PlanFunction) -> Remediation:
        return REMEDIATIONS.add(
            Remediation(
                id=id,
                title=title,
                description=(planner.__doc__ or "").strip(),
                fixes=tuple(fixes),
                permissions=tuple(permissions),
                reversible=reversible,
                risk=risk,
                planner=planner,
                rollback_planner=rollback,
                attributes=tuple(attributes),
            )
        )

    return declare


def load_remediations() -> RemediationRegistry:
    global _loaded
    if not _loaded:
        # The Lambda entry point and the worker behind it are not remediations.
        discover("warden.remediations", skip=frozenset({"handler", "worker"}))
        _loaded = True
    return REMEDIATIONS
