from __future__ import annotations

from tests.rules.ecs.conftest import TASK_DEFINITION, config_task_definition, container

RULE = "ecs-no-environment-secrets"


def test_plain_settings_are_compliant(task_definition, evaluate_rule):
    item = task_definition(RULE, container(environment=[{"name": "LOG_LEVEL", "value": "info"}]))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"


def test_access_key_in_environment_is_non_compliant(task_definition, evaluate_rule):
    item = task_definition(RULE, container(environment=[{"name": "AWS_SECRET_ACCESS_KEY", "value": "x"}]))
    result = evaluate_rule(RULE, item)
    assert result.compliance == "NON_COMPLIANT" and "app:AWS_SECRET_ACCESS_KEY" in result.annotation


def test_the_secret_names_are_a_parameter(config_item, evaluate_rule):
    configuration = config_task_definition({"Name": "a", "Environment": [{"Name": "DB_PASSWORD", "Value": "x"}]})
    item = config_item(TASK_DEFINITION, "t", configuration=configuration)
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    assert evaluate_rule(RULE, item, secretKeys="DB_PASSWORD").compliance == "NON_COMPLIANT"
    assert evaluate_rule(RULE, config_item("AWS::ECS::Cluster", "c")).compliance == "NOT_APPLICABLE"
