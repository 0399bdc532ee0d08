"""Exemptions: a `warden:exempt` tag naming rule ids, or an owned, expiring entry in an exemptions file."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from warden import schemas
from warden.model import ConfigurationItem, WardenError

EXEMPT_TAG = "warden:exempt"


class ExemptionsError(WardenError):
    pass


@dataclass(frozen=True)
class Exemption:
    rule: str
    resource: str
    owner: str
    reason: str
    expires: dt.date | None  # None: a resource tag, which lasts as long as the tag

    def matches(self, rule_id: str, arn: str) -> bool:
        return self.rule in ("*", rule_id) and (self.resource == arn or fnmatchcase(arn, self.resource))

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def describe(self) -> str:
        until = f" until {self.expires.isoformat()}" if self.expires else ""
        return f"exempt by {self.owner}{until}: {self.reason}"


@dataclass(frozen=True)
class Decision:
    exemption: Exemption | None
    expired: tuple[Exemption, ...]


class Exemptions:
    def __init__(self, entries: Iterable[Exemption] = ()) -> None:
        self.entries = tuple(entries)

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> Exemptions:
        schemas.check(dict(document), "exemptions", ExemptionsError, "exemptions")
        return cls(
            Exemption(e["rule"], e["resource"], e["owner"], e["reason"], dt.date.fromisoformat(e["expires"]))
            for e in document["exemptions"]
        )

    @classmethod
    def load(cls, path: str | Path | None) -> Exemptions:
        if path is None:
            return cls()
        try:
            return cls.from_dict(json.loads(Path(path).read_text()))
        except (OSError, ValueError) as exc:
            raise ExemptionsError(f"cannot read exemptions {path}: {exc}") from exc

    def decide(self, rule_id: str, item: ConfigurationItem, today: dt.date | None = None) -> Decision:
        today = today or dt.datetime.now(dt.UTC).date()
        tagged = _tag_exemption(rule_id, item)
        matching = [e for e in self.entries if e.matches(rule_id, item.arn)]
        live = [e for e in matching if not e.expired(today)]
        return Decision(tagged or (live[0] if live else None), tuple(e for e in matching if e.expired(today)))

    def expired(self, today: dt.date | None = None) -> list[Exemption]:
        today = today or dt.datetime.now(dt.UTC).date()
        return [e for e in self.entries if e.expired(today)]


def _tag_exemption(rule_id: str, item: ConfigurationItem) -> Exemption | None:
    value = item.tags.get(EXEMPT_TAG)
    if value is None:
        return None
    named = {part for part in re.split(r"[\s,;]+", value) if part}
    if rule_id in named:
        return Exemption(rule_id, item.arn, "resource tag", f"tag {EXEMPT_TAG}={value}", None)
    return None
