"""Block Public Access settings in Config's camelCase and the API's PascalCase."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SETTINGS = ("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets")


def current(block: Mapping[str, Any] | None) -> dict[str, bool] | None:
    return None if block is None else {name: bool(block.get(name)) for name in SETTINGS}


def all_on() -> dict[str, bool]:
    return dict.fromkeys(SETTINGS, True)


def to_api(block: Mapping[str, bool]) -> dict[str, bool]:
    return {name[:1].upper() + name[1:]: value for name, value in block.items()}
