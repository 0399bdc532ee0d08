from __future__ import annotations

from tests.rules.ecs.conftest import TASK_DEFINITION, config_task_definition, container

RULE = "ecs-containers-readonly-access"


def test_read_only_root_filesystems_are_compliant(task_definition, evaluate_rule):
    assert evaluate_rule(RULE, task_definition(RULE)).compliance == "COMPLIANT"


def test_writable_root_filesystem_is_non_compliant(task_definition, evaluate_rule):
    item = task_definition(RULE, container(readonlyRootFilesystem=False))
    assert evaluate_rule(RULE, item).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    unset = config_task_definition({"Name": "a"})
    assert evaluate_rule(RULE, config_item(TASK_DEFINITION, "t", configuration=unset)).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::ECS::Cluster", "c")).compliance == "NOT_APPLICABLE"
