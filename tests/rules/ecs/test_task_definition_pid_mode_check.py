from __future__ import annotations

from tests.rules.ecs.conftest import TASK_DEFINITION, config_task_definition

RULE = "ecs-task-definition-pid-mode-check"


def test_task_pid_mode_is_compliant(task_definition, evaluate_rule):
    assert evaluate_rule(RULE, task_definition(RULE, pidMode="task")).compliance == "COMPLIANT"


def test_host_pid_mode_is_non_compliant(task_definition, evaluate_rule):
    assert evaluate_rule(RULE, task_definition(RULE, pidMode="host")).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_inactive(config_item, evaluate_rule):
    host = config_task_definition({"Name": "a"}, PidMode="host")
    assert evaluate_rule(RULE, config_item(TASK_DEFINITION, "t", configuration=host)).compliance == "NON_COMPLIANT"
    inactive = config_task_definition({"Name": "a"}, PidMode="host", Status="INACTIVE")
    assert evaluate_rule(RULE, config_item(TASK_DEFINITION, "t", configuration=inactive)).compliance == "NOT_APPLICABLE"
