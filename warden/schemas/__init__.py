"""JSON Schemas for every document that crosses a boundary, validated at the edge."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(resources.files(__name__).joinpath(f"{name}.schema.json").read_text())
    return schema


def check(document: Any, name: str, error: type[Exception], what: str) -> None:
    """Validate, raising `error` with the place and the reason instead of jsonschema's exception."""
    import jsonschema

    try:
        validate(document, name)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise error(f"invalid {what}{f' at {where}' if where else ''}: {exc.message}") from exc


def validate(document: Any, name: str) -> None:
    """Raise jsonschema.ValidationError (best match first) when `document` breaks schema `name`."""
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator(name).iter_errors(document))
    if error is not None:
        raise error


@cache
def _validator(name: str) -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(load(name), format_checker=format_checker())


@cache
def format_checker() -> Any:
    """The formats Warden's schemas use, checked the same way whatever optional packages are installed.

    jsonschema checks `date-time` only when an extra package is present, so a Lambda install and a
    development install would disagree about the same document; this checker does not depend on it.
    """
    import jsonschema

    checker = jsonschema.FormatChecker(formats=("uuid", "date"))

    @checker.checks("date-time", raises=ValueError)  # type: ignore[untyped-decorator]
    def is_date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if "T" not in value.upper():
            raise ValueError(f"{value!r} has no time part")
        return dt.datetime.fromisoformat(value).tzinfo is not None

    return checker
