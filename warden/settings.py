"""Settings, read once at the edge (CLI start, Lambda init) and passed down."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warden import schemas
from warden.model import WardenError
from warden.remediation import Mode


class SettingsError(WardenError):
    pass


@dataclass(frozen=True)
class Settings:
    default_mode: Mode = Mode.DRY_RUN  # a new install only plans until someone opts a rule in
    modes: Mapping[str, Mode] = field(default_factory=dict)
    max_changes_per_rule: int = 10
    max_changes_per_rule_per_hour: int = 50
    verify_attempts: int = 3
    verify_delay_seconds: float = 2.0
    parameters: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def mode(self, rule_id: str) -> Mode:
        return self.modes.get(rule_id, self.default_mode)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Settings:
        schemas.check(dict(data), "settings", SettingsError, "settings")
        remediation = data.get("remediation", {})
        return cls(
            default_mode=Mode(remediation.get("default_mode", Mode.DRY_RUN)),
            modes={rule: Mode(mode) for rule, mode in remediation.get("modes", {}).items()},
            max_changes_per_rule=remediation.get("max_changes_per_rule", 10),
            max_changes_per_rule_per_hour=remediation.get("max_changes_per_rule_per_hour", 50),
            verify_attempts=remediation.get("verify_attempts", 3),
            verify_delay_seconds=remediation.get("verify_delay_seconds", 2.0),
            parameters=data.get("parameters", {}),
        )

    @classmethod
    def load(cls, path: str | Path | None) -> Settings:
        if path is None:
            return cls()
        try:
            return cls.from_dict(tomllib.loads(Path(path).read_text()))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"cannot read settings {path}: {exc}") from exc
