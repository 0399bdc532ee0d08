from __future__ import annotations

from tests.rules.ecs.conftest import TASK_SET

RULE = "ecs-task-set-assign-public-ip-disabled"


def test_private_task_set_is_compliant(task_set, evaluate_rule):
    assert evaluate_rule(RULE, task_set(RULE, "DISABLED")).compliance == "COMPLIANT"


def test_public_task_set_is_non_compliant(task_set, evaluate_rule):
    assert evaluate_rule(RULE, task_set(RULE, "ENABLED")).compliance == "NON_COMPLIANT"


def test_config_item_shape_and_other_types(config_item, evaluate_rule):
    # CloudFormation, and so Config, spells the task set's key AwsVpcConfiguration.
    configuration = {"NetworkConfiguration": {"AwsVpcConfiguration": {"AssignPublicIp": "ENABLED"}}}
    assert evaluate_rule(RULE, config_item(TASK_SET, "ts", configuration=configuration)).compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::ECS::Service", "s")).compliance == "NOT_APPLICABLE"
