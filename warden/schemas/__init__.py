"""JSON Schemas for every document that crosses a boundary, validated at the edge."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    return json.loads(resources.files(__name__).joinpath(f"{name}.schema.json").read_text())


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

    validator = jsonschema.Draft202012Validator(load(name), format_checker=jsonschema.FormatChecker())
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is not None:
        raise error
