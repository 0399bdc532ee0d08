from __future__ import annotations

import pytest

from tests.rules.ecs.conftest import TASK_DEFINITION, config_task_definition, container

RULE = "ecs-task-definition-user-for-host-mode-check"


def test_host_mode_with_non_root_user_is_compliant(task_definition, evaluate_rule):
    assert evaluate_rule(RULE, task_definition(RULE, networkMode="host")).compliance == "COMPLIANT"


def test_host_mode_as_root_is_non_compliant(task_definition, evaluate_rule):
    item = task_definition(RULE, container(user="root"), networkMode="host")
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT" and "app" in result.annotation


@pytest.mark.parametrize(
    ("network_mode", "settings", "expected"),
    [
        ("host", {"Name": "a"}, "NON_COMPLIANT"),
        ("host", {"Name": "a", "User": "0:0"}, "NON_COMPLIANT"),
        ("host", {"Name": "a", "Privileged": True}, "COMPLIANT"),
        ("awsvpc", {"Name": "a"}, "COMPLIANT"),
    ],
)
def test_config_item_shape(config_item, evaluate_rule, network_mode, settings, expected):
    configuration = config_task_definition(settings, NetworkMode=network_mode)
    assert evaluate_rule(RULE, config_item(TASK_DEFINITION, "t", configuration=configuration)).compliance == expected


def test_inactive_revisions_are_skipped_by_default(config_item, evaluate_rule):
    configuration = config_task_definition({"Name": "a"}, NetworkMode="host", Status="INACTIVE")
    item = config_item(TASK_DEFINITION, "t", configuration=configuration)
    assert evaluate_rule(RULE, item).compliance == "NOT_APPLICABLE"
    assert evaluate_rule(RULE, item, SkipInactiveTaskDefinitions="false").compliance == "NON_COMPLIANT"
