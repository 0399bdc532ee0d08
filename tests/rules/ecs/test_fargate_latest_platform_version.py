from __future__ import annotations

import pytest

from tests.rules.ecs.conftest import SERVICE

RULE = "ecs-fargate-latest-platform-version"


def test_latest_platform_is_compliant(service, evaluate_rule):
    assert evaluate_rule(RULE, service(RULE, platformVersion="LATEST")).compliance == "COMPLIANT"


def test_old_platform_is_non_compliant(service, evaluate_rule):
    result = evaluate_rule(RULE, service(RULE, platformVersion="1.3.0"))
    assert result.compliance == "NON_COMPLIANT" and "1.4.0" in result.annotation


def test_ec2_services_are_not_applicable(service, evaluate_rule):
    assert evaluate_rule(RULE, service(RULE, launchType="EC2")).compliance == "NOT_APPLICABLE"


@pytest.mark.parametrize(
    ("configuration", "expected"),
    [
        ({"LaunchType": "FARGATE", "PlatformVersion": "1.4.0"}, "COMPLIANT"),
        (
            {"LaunchType": "FARGATE", "PlatformVersion": "1.0.0", "PlatformFamily": "WINDOWS_SERVER_2019_CORE"},
            "COMPLIANT",
        ),
        (
            {"CapacityProviderStrategy": [{"CapacityProvider": "FARGATE_SPOT"}], "PlatformVersion": "1.3.0"},
            "NON_COMPLIANT",
        ),
    ],
)
def test_config_item_shape(config_item, evaluate_rule, configuration, expected):
    assert evaluate_rule(RULE, config_item(SERVICE, "s", configuration=configuration)).compliance == expected


def test_the_latest_versions_are_parameters(config_item, evaluate_rule):
    item = config_item(SERVICE, "s", configuration={"LaunchType": "FARGATE", "PlatformVersion": "1.4.0"})
    assert evaluate_rule(RULE, item, latestLinuxVersion="1.5.0").compliance == "NON_COMPLIANT"
