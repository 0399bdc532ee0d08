"""What the secret rules share: the resource type, its CloudTrail events and date reading."""

from __future__ import annotations

import datetime as dt
from typing import Any

from warden.model import ConfigurationItemError
from warden.registry import CloudTrailTrigger

SECRET = "AWS::SecretsManager::Secret"
SOURCE = "secretsmanager.amazonaws.com"


def secret_events(*names: str) -> tuple[CloudTrailTrigger, ...]:
    # CreateSecret names the secret in `name`; every later call names it (name or ARN) in `secretId`.
    return (
        CloudTrailTrigger(SOURCE, ("CreateSecret",), SECRET, "{requestParameters.name}"),
        CloudTrailTrigger(SOURCE, names, SECRET, "{requestParameters.secretId}"),
    )


ROTATION_EVENTS = secret_events("RotateSecret", "CancelRotateSecret", "UpdateSecret", "PutSecretValue")


def timestamp(value: Any) -> dt.datetime | None:
    """Config and the API give ISO strings, epoch seconds or datetimes; all become aware datetimes."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, int | float):
        parsed = dt.datetime.fromtimestamp(value, dt.UTC)
    else:
        try:
            parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError as exc:
            raise ConfigurationItemError(f"unreadable date {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def days_since(value: Any, now: dt.datetime) -> int | None:
    moment = timestamp(value)
    return None if moment is None else (now - moment).days
