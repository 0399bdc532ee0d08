from __future__ import annotations

from tests.rules.ecs.conftest import TASK_DEFINITION, config_task_definition, container

RULE = "ecs-task-definition-log-configuration"


def test_every_container_logging_is_compliant(task_definition, evaluate_rule):
    assert evaluate_rule(RULE, task_definition(RULE)).compliance == "COMPLIANT"


def test_a_container_without_logging_is_non_compliant(task_definition, evaluate_rule):
    quiet = {k: v for k, v in container(name="sidecar").items() if k != "logConfiguration"}
    result = evaluate_rule(RULE, task_definition(RULE, container(), quiet))
    assert result.compliance == "NON_COMPLIANT" and "sidecar" in result.annotation


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    logged = config_task_definition({"Name": "a", "LogConfiguration": {"LogDriver": "awslogs"}})
    assert evaluate_rule(RULE, config_item(TASK_DEFINITION, "t", configuration=logged)).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::ECS::Cluster", "c")).compliance == "NOT_APPLICABLE"
