"""Compliance frameworks as data: requirements mapped to rule ids (a version bump is a data change)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from warden import schemas
from warden.model import WardenError


class UnknownFrameworkError(WardenError):
    pass


def available() -> list[str]:
    return sorted(p.name.removesuffix(".json") for p in resources.files(__name__).iterdir() if p.name.endswith(".json"))


@cache
def load(framework_id: str) -> dict[str, Any]:
    if framework_id not in available():
        raise UnknownFrameworkError(f"unknown framework {framework_id!r}; known: {', '.join(available())}")
    document: dict[str, Any] = json.loads(resources.files(__name__).joinpath(f"{framework_id}.json").read_text())
    schemas.validate(document, "framework")
    return document


def rule_ids(framework_id: str) -> list[str]:
    return sorted({r for requirement in load(framework_id)["requirements"] for r in requirement["rules"]})


def coverage(framework_id: str) -> str:
    """How much of a framework Warden's rules cover, said plainly: uncovered requirements never pass."""
    document = load(framework_id)
    requirements = document["requirements"]
    covered = sum(1 for requirement in requirements if requirement["rules"])
    return (
        f"{document['title']} {document['version']}: Warden's rules cover {covered} of its {len(requirements)} "
        f"requirements; {len(requirements) - covered} are not covered (`warden report --framework {framework_id}`)"
    )
