"""Rule declarations and the registry every entry point reads them from."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from warden.model import (
    ACCOUNT_RESOURCE_TYPE,
    ConfigurationItem,
    ConfigurationItemError,
    Evaluation,
    Severity,
    Trigger,
    Verdict,
    WardenError,
    not_applicable,
    truncate,
)

RuleLogic = Callable[[ConfigurationItem, Mapping[str, Any]], Verdict]

_PLACEHOLDER = re.compile(r"\{([^{}|]+)(?:\|(\w+))?\}")


class UnknownRuleError(WardenError):
    pass


class RuleParameterError(WardenError):
    pass


class DuplicateRuleError(WardenError):
    pass


@dataclass(frozen=True)
class CloudTrailTrigger:
    """CloudTrail management events that can break a rule, and where the resource id lives in them.

    `resource_id` is a template over the CloudTrail record: `{requestParameters.bucketName}` (a number
    picks a list element);
    `{x|basename}` keeps what follows the last `/` (trail names arrive as names or ARNs).
    """

    source: str
    events: tuple[str, ...]
    resource_type: str
    resource_id: str

    def resolve_resource_id(self, record: Mapping[str, Any]) -> str | None:
        missing = False

        def substitute(match: re.Match[str]) -> str:
            nonlocal missing
            value: Any = record
            for part in match.group(1).split("."):
                if isinstance(value, list) and part.isdigit():  # `responseElements.loadBalancers.0.x`
                    value = value[int(part)] if int(part) < len(value) else None
                else:
                    value = value.get(part) if isinstance(value, Mapping) else None
            if value is None or value == "":
                missing = True
                return ""
            text = str(value)
            if match.group(2) == "basename":
                text = text.rsplit("/", 1)[-1]
            return text

        resolved = _PLACEHOLDER.sub(substitute, self.resource_id)
        return None if missing else resolved

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "events": list(self.events),
            "resource_type": self.resource_type,
            "resource_id": self.resource_id,
        }


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    description: str
    resource_types: tuple[str, ...]
    severity: Severity
    trigger: Trigger
    controls: tuple[str, ...]
    parameters: Mapping[str, Any]
    remediation: str | None
    attributes: tuple[str, ...]
    cloudtrail: tuple[CloudTrailTrigger, ...]
    logic: RuleLogic = field(repr=False, compare=False)

    def defaults(self) -> dict[str, Any]:
        props = self.parameters.get("properties", {})
        return {name: spec["default"] for name, spec in props.items() if "default" in spec}

    def resolve_parameters(self, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Defaults, overridden by `given` (Config passes every value as a string), then validated."""
        import jsonschema  # deferred: only rules with parameters pay for the import

        props = self.parameters.get("properties", {})
        resolved = self.defaults()
        for name, value in (given or {}).items():
            resolved[name] = _coerce(value, props.get(name, {}))
        try:
            jsonschema.validate(resolved, dict(self.parameters))
        except jsonschema.ValidationError as exc:
            where = ".".join(str(p) for p in exc.absolute_path) or "parameters"
            raise RuleParameterError(f"{self.id}: invalid {where}: {exc.message}") from exc
        return resolved

    def applies_to(self, resource_type: str) -> bool:
        return resource_type in self.resource_types

    def run(self, item: ConfigurationItem, params: Mapping[str, Any] | None = None) -> Evaluation:
        """Evaluate one item; parameters are resolved here unless already resolved by the caller."""
        resolved = params if params is not None else self.resolve_parameters()
        if item.is_gone:
            verdict = not_applicable(f"{item.resource_type} {item.resource_id} no longer exists.")
        elif not self.applies_to(item.resource_type):
            verdict = not_applicable(f"{self.id} does not evaluate {item.resource_type}.")
        else:
            try:
                verdict = self.logic(item, resolved)
            except ConfigurationItemError as exc:
                raise ConfigurationItemError(f"{self.id} on {item.resource_id}: {exc}") from exc
        return Evaluation(
            rule_id=self.id,
            controls=self.controls,
            severity=self.severity,
            resource_type=item.resource_type,
            resource_id=item.resource_id,
            resource_arn=item.arn,
            region=item.region,
            account_id=item.account_id,
            compliance=verdict.compliance,
            annotation=truncate(verdict.annotation),
            remediation_id=self.remediation,
        )

    def to_metadata(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "resource_types": list(self.resource_types),
            "severity": self.severity.value,
            "trigger": self.trigger.value,
            "controls": list(self.controls),
            "parameters": dict(self.parameters),
            "remediation": self.remediation,
            "attributes": list(self.attributes),
            "cloudtrail": [t.to_dict() for t in self.cloudtrail],
        }


def _coerce(value: Any, spec: Mapping[str, Any]) -> Any:
    if not isinstance(value, str):
        return value
    kind = spec.get("type")
    if isinstance(kind, list):  # an optional parameter: ["integer", "null"]
        kind = next((k for k in kind if k != "null"), None)
    if kind == "integer":
        try:
            return int(value)
        except ValueError:
            return value
    if kind == "boolean":
        return {"true": True, "false": False}.get(value.lower(), value)
    if kind == "array":
        text = value.strip()
        if text.startswith("["):
            return json.loads(text)
        items = [v.strip() for v in text.split(",") if v.strip()]
        if spec.get("items", {}).get("type") == "integer":
            return [int(v) if v.lstrip("-").isdigit() else v for v in items]
        return items
    return value


NO_PARAMETERS: Mapping[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}


class Registry:
    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def add(self, rule: Rule) -> Rule:
        if rule.id in self._rules and self._rules[rule.id].logic is not rule.logic:
            raise DuplicateRuleError(f"rule {rule.id} is registered twice")
        self._rules[rule.id] = rule
        return rule

    def get(self, rule_id: str) -> Rule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise UnknownRuleError(f"unknown rule {rule_id!r}; `warden rules` lists them") from None

    def all(self) -> list[Rule]:
        return sorted(self._rules.values(), key=lambda r: r.id)

    def select(self, rule_ids: Iterable[str] = (), controls: Iterable[str] = ()) -> list[Rule]:
        """Rules named by id or by control; everything when neither is given."""
        rule_ids, controls = list(rule_ids), [c.upper() for c in controls]
        if not rule_ids and not controls:
            return self.all()
        chosen = {r.id: r for r in (self.get(i) for i in rule_ids)}
        for control in controls:
            matching = [r for r in self.all() if control in (c.upper() for c in r.controls)]
            if not matching:
                raise UnknownRuleError(f"no rule implements control {control!r}")
            chosen.update((r.id, r) for r in matching)
        return sorted(chosen.values(), key=lambda r: r.id)

    def for_resource_type(self, resource_type: str) -> list[Rule]:
        return [r for r in self.all() if r.applies_to(resource_type)]


REGISTRY = Registry()
# Modules beside the rules that are not rules (the Lambda entry point).
NOT_RULES = frozenset({"handler", "configrule"})  # the Config rule service and its Lambda entry point
_loaded = False


def rule(
    *,
    id: str,
    title: str,
    resource_types: Iterable[str],
    severity: Severity,
    controls: Iterable[str] = (),
    trigger: Trigger = Trigger.CONFIGURATION_CHANGE,
    parameters: Mapping[str, Any] = NO_PARAMETERS,
    remediation: str | None = None,
    attributes: Iterable[str] = (),
    cloudtrail: Iterable[CloudTrailTrigger] = (),
    registry: Registry | None = None,
) -> Callable[[RuleLogic], Rule]:
    """Declare a rule: metadata here, pass/fail logic in the decorated function."""

    def declare(logic: RuleLogic) -> Rule:
        declared = Rule(
            id=id,
            title=title,
            description=(logic.__doc__ or "").strip(),
            resource_types=tuple(resource_types),
            severity=severity,
            trigger=trigger,
            controls=tuple(controls),
            parameters=parameters,
            remediation=remediation,
            attributes=tuple(attributes),
            cloudtrail=tuple(cloudtrail),
            logic=logic,
        )
        return (registry or REGISTRY).add(declared)

    return declare


def load_rules() -> Registry:
    """Import the built-in rule modules and any installed through the `warden.rules` entry point."""
    global _loaded
    if not _loaded:
        discover("warden.rules", skip=NOT_RULES)
        for entry in metadata.entry_points(group="warden.rules"):
            entry.load()
        _loaded = True
    return REGISTRY


def discover(package: str, skip: frozenset[str]) -> None:
    """Import every module of a feature package by name, so that its declarations register themselves.

    The core reaches feature packages only this way, never through an import statement.
    """
    root = importlib.import_module(package)
    for module in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        if module.name.rsplit(".", 1)[-1] not in skip:
            importlib.import_module(module.name)


def is_account_level(rule: Rule) -> bool:
    return ACCOUNT_RESOURCE_TYPE in rule.resource_types
