from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

SECRET = "AWS::SecretsManager::Secret"
ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-db-AbCdEf"


def _rotation_function(aws: MotoAccount) -> str:
    role = aws.client("iam").create_role(RoleName="rotation", AssumeRolePolicyDocument=json.dumps({}))["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("rotate.py", "def handler(event, context):\n    return None\n")
    function = aws.client("lambda").create_function(
        FunctionName="rotate",
        Runtime="python3.12",
        Role=role,
        Handler="rotate.handler",
        Code={"ZipFile": code.getvalue()},
    )
    return str(function["FunctionArn"])


@pytest.fixture
def secret(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a secret in moto, with automatic rotation every `rotation_days` when given, and read it back."""

    def create(rule: str, rotation_days: int | None = None) -> ConfigurationItem:
        client = aws.client("secretsmanager")
        arn = client.create_secret(Name="orders-db", SecretString="s3cr3t")["ARN"]
        if rotation_days:
            client.rotate_secret(
                SecretId=arn,
                RotationLambdaARN=_rotation_function(aws),
                RotationRules={"AutomaticallyAfterDays": rotation_days},
                RotateImmediately=False,
            )
        return moto_item(SECRET, arn, rule)

    return create


def config_secret(days_ago: dict[str, int] | None = None, **configuration: object) -> dict[str, object]:
    """A secret's configuration as AWS Config records it; `days_ago` sets date fields relative to now."""
    now = dt.datetime.now(dt.UTC)
    dates = {name: (now - dt.timedelta(days=days)).isoformat() for name, days in (days_ago or {}).items()}
    return {"ARN": ARN, "Name": "orders-db", "RotationEnabled": False, "Deleted": False, **dates, **configuration}
