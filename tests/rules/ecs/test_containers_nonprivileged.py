from __future__ import annotations

from tests.rules.ecs.conftest import TASK_DEFINITION, config_task_definition, container

RULE = "ecs-containers-nonprivileged"


def test_unprivileged_containers_are_compliant(task_definition, evaluate_rule):
    assert evaluate_rule(RULE, task_definition(RULE)).compliance == "COMPLIANT"


def test_a_privileged_container_is_non_compliant(task_definition, evaluate_rule):
    item = task_definition(RULE, container(), container(name="agent", privileged=True))
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT" and "agent" in result.annotation and "app," not in result.annotation


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    configuration = config_task_definition({"Name": "a", "Privileged": False})
    assert evaluate_rule(RULE, config_item(TASK_DEFINITION, "t", configuration=configuration)).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::ECS::Service", "s")).compliance == "NOT_APPLICABLE"
