from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

FUNCTION = "AWS::Lambda::Function"


def _code() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


@pytest.fixture
def subnets(aws: MotoAccount) -> dict[str, str]:
    """The default VPC's subnets by Availability Zone."""
    described = aws.client("ec2").describe_subnets()["Subnets"]
    return {s["AvailabilityZone"]: s["SubnetId"] for s in described}


@pytest.fixture
def function(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    """Create a function in moto (`permissions` are AddPermission calls) and read it back for `rule`."""
    role = aws.client("iam").create_role(RoleName="orders-fn", AssumeRolePolicyDocument="{}")["Role"]["Arn"]

    def create(
        rule: str, name: str = "orders", permissions: tuple[dict[str, Any], ...] = (), **settings: Any
    ) -> ConfigurationItem:
        client = aws.client("lambda")
        args: dict[str, Any] = {"Runtime": "python3.12", "Handler": "app.handler", "Code": {"ZipFile": _code()}}
        client.create_function(FunctionName=name, Role=role, **{**args, **settings})
        for permission in permissions:
            client.add_permission(FunctionName=name, **permission)
        return moto_item(FUNCTION, name, rule)

    return create
