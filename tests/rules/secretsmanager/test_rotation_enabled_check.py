from __future__ import annotations

from tests.rules.secretsmanager.conftest import SECRET, config_secret

RULE = "secretsmanager-rotation-enabled-check"


def test_rotating_secret_is_compliant(secret, evaluate_rule):
    assert evaluate_rule(RULE, secret(RULE, rotation_days=30)).compliance == "COMPLIANT"


def test_secret_without_rotation_is_non_compliant(secret, evaluate_rule):
    assert evaluate_rule(RULE, secret(RULE)).compliance == "NON_COMPLIANT"


def test_the_longest_interval_is_a_parameter(config_item, evaluate_rule):
    rules = {"AutomaticallyAfterDays": 120}
    item = config_item(SECRET, "s", configuration=config_secret(RotationEnabled=True, RotationRules=rules))
    assert evaluate_rule(RULE, item).compliance == "COMPLIANT"
    result = evaluate_rule(RULE, item, maximumAllowedRotationFrequency="90")
    assert result.compliance == "NON_COMPLIANT" and "120" in result.annotation


def test_other_types_are_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::KMS::Key", "k")).compliance == "NOT_APPLICABLE"
