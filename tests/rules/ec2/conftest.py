from __future__ import annotations

from collections.abc import Callable

import pytest

from warden.model import ConfigurationItem
from warden.testing import MotoAccount

SECURITY_GROUP = "AWS::EC2::SecurityGroup"


@pytest.fixture
def security_group(aws: MotoAccount, moto_item: Callable[..., ConfigurationItem]) -> Callable[..., ConfigurationItem]:
    counter = iter(range(1000))

    def create(*permissions: dict[str, object]) -> ConfigurationItem:
        ec2 = aws.client("ec2")
        vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
        group = ec2.create_security_group(GroupName=f"sg-test-{next(counter)}", Description="test", VpcId=vpc)[
            "GroupId"
        ]
        if permissions:
            ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=list(permissions))
        return moto_item(SECURITY_GROUP, group)

    return create
